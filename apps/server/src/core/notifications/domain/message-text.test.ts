import { describe, expect, it } from 'vitest';
import { emailBody, emailSubject, SMS_MAX_CHARS, smsText } from './message-text';

describe('the SMS and e-mail a notification becomes', () => {
  it('signs the SMS and puts the title and body on one line', () => {
    expect(smsText({ title: '申报已通过', body: '您的积分申报已通过\n请查看' })).toBe('【智治】申报已通过：您的积分申报已通过 请查看');
    expect(smsText({ title: '站内标题' })).toBe('【智治】站内标题');
  });

  it('uses the caller\'s own wording as it is, for both', () => {
    const text = '【亲企办】诉求 2026-0001 即将超过回应时限，请及时办理。';
    const n = { title: '诉求 2026-0001 即将超过回应时限', body: '用电增容', link: '/service/requests/x', text };
    expect(smsText(n)).toBe(text);
    expect(emailBody(n)).toBe(text);
    expect(emailSubject(n)).toBe(n.title);
  });

  it('gives the e-mail the body and the page to open', () => {
    expect(emailBody({ title: '配额已调剂', body: '中双元调剂给您一个名额', link: '/talent/redemption' }))
      .toBe('配额已调剂\n\n中双元调剂给您一个名额\n\n请登录智治平台查看：/talent/redemption');
    expect(emailBody({ title: '仅标题' })).toBe('仅标题');
  });

  it('cuts a very long SMS, counting characters not bytes', () => {
    const sms = smsText({ title: '长', body: '字'.repeat(1000) });
    expect([...sms]).toHaveLength(SMS_MAX_CHARS);
    expect(sms.endsWith('…')).toBe(true);
  });
});

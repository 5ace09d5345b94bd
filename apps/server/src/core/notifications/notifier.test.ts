import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { LogOnlyAdapter, type OutboundMessage } from './notifier';

/**
 * The default outbound adapter sends nothing: it keeps the message and writes one log line, with
 * the recipient masked, so that the log never holds a full phone number or e-mail address.
 */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const log = pino({ level: 'info' }, stream) as unknown as FastifyBaseLogger;
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('LogOnlyAdapter', () => {
  it.each([
    ['an SMS', { channel: 'sms', to: '13812345678', body: '您的诉求已受理，编号 2026-0001' }, '138***78'],
    ['an e-mail', { channel: 'email', to: 'zhang.san@example.com', subject: '诉求受理通知', body: '您的诉求已受理' }, 'zha***om'],
    ['a very short recipient', { channel: 'sms', to: '1234', body: '测试' }, '***'],
  ] as [string, OutboundMessage, string][])('records %s and logs it with the recipient masked', async (_what, message, masked) => {
    const { log, lines, parsed } = capturingLogger();
    const adapter = new LogOnlyAdapter(log);
    await adapter.send(message);

    expect(adapter.sent).toEqual([message]); // kept in full, in memory, for whoever needs to look
    expect(lines).toHaveLength(1);
    const [line] = parsed();
    expect(line).toMatchObject({ level: 30, msg: 'outbound message (log only)', channel: message.channel, to: masked });
    if (message.subject) expect(line!.subject).toBe(message.subject);
    expect(lines[0]).not.toContain(message.to);
    expect(lines[0]).not.toContain(message.body); // the body may hold personal details
  });

  it('never writes a whole phone number, whatever the number', async () => {
    const { log, lines, parsed } = capturingLogger();
    const adapter = new LogOnlyAdapter(log);
    const phones = ['13300000000', '15912345678', '18698765432', '+8613812345678'];
    for (const to of phones) await adapter.send({ channel: 'sms', to, body: 'x' });
    expect(lines).toHaveLength(phones.length);
    const text = lines.join('\n');
    for (const to of phones) expect(text).not.toContain(to);
    expect(parsed().map((l) => l.to)).toEqual(['133***00', '159***78', '186***32', '+86***78']);
  });

  it('keeps messages in the order sent', async () => {
    const adapter = new LogOnlyAdapter(capturingLogger().log);
    await adapter.send({ channel: 'sms', to: '13800000001', body: '一' });
    await adapter.send({ channel: 'email', to: 'a@b.cn', body: '二' });
    expect(adapter.sent.map((m) => m.body)).toEqual(['一', '二']);
  });
});

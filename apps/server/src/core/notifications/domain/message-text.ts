/**
 * The SMS and the e-mail a notification becomes (pure). A caller may give its own wording
 * (`text`, e.g. the service sweep's 【亲企办】… 请及时办理。); otherwise the SMS is the platform's
 * signature, the title and the body on one line, and the e-mail has the title as subject and the
 * body and the page to open as text.
 */
export const SMS_SIGNATURE = '【智治】';
/** An SMS longer than this is cut (gateways split long texts into several billed parts). */
export const SMS_MAX_CHARS = 300;

export interface NotificationText {
  title: string;
  body?: string;
  link?: string;
  /** The wording of the SMS and of the e-mail's text, when the caller has its own. */
  text?: string;
}

export function smsText(n: NotificationText): string {
  const text = n.text?.trim() || oneLine(`${SMS_SIGNATURE}${n.title}${n.body?.trim() ? `：${n.body.trim()}` : ''}`);
  return [...text].length > SMS_MAX_CHARS ? `${[...text].slice(0, SMS_MAX_CHARS - 1).join('')}…` : text;
}

export function emailSubject(n: NotificationText): string {
  return oneLine(n.title).slice(0, 200);
}

/**
 * The e-mail's text: the caller's own wording as it is, or the title, the body and the platform
 * page to open (a path), so the reader knows where to look.
 */
export function emailBody(n: NotificationText): string {
  if (n.text?.trim()) return n.text.trim();
  const lines = [n.title];
  if (n.body?.trim()) lines.push('', n.body.trim());
  if (n.link) lines.push('', `请登录智治平台查看：${n.link}`);
  return lines.join('\n');
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

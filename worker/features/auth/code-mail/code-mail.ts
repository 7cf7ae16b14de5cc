import type { MailMessage } from '../../../lib/mail/mail-message';
import { type CodeMailContent, type CodeMailInput, codeMailContent } from './code-mail-content';
import { renderCodeMailHtml } from './code-mail-html';

export type { CodeMailInput } from './code-mail-content';

/** The mail carrying a sign-in or unlock code: an HTML mail and its plain-text twin. */
export function codeMail(input: CodeMailInput): MailMessage {
  const content = codeMailContent(input);
  return {
    to: input.to,
    subject: content.subject,
    text: renderCodeMailText(content),
    html: renderCodeMailHtml(content),
  };
}

function renderCodeMailText(c: CodeMailContent): string {
  return [
    c.product,
    '',
    c.intro,
    '',
    `    ${c.code}`,
    '',
    c.lifetime,
    '',
    `${c.requestTitle}:`,
    ...c.request.map(([label, value]) => `  ${label}: ${value}`),
    '',
    `${c.notYouTitle} ${c.notYou}`,
    '',
    '-- ',
    c.footer,
    '',
  ].join('\n');
}

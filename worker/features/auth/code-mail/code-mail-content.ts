import type { CodePurpose } from '../../../../schemas/mfa';
import { describeUserAgent } from '../../../../schemas/user-agent';
import { CODE_MAIL_WORDING, type MailLocale } from './code-mail-wording';

export interface CodeMailInput {
  to: string;
  code: string;
  purpose: CodePurpose;
  /** When the code stops working (epoch ms). */
  expiresAt: number;
  /** Where the request for the code came from, for the "not you?" line. */
  requestedAt: number;
  ip: string | null;
  userAgent: string | null;
  /** The language of the mail; English when left out. */
  locale?: MailLocale;
}

/** What the code mail says, in words, before it is laid out as HTML or plain text. */
export interface CodeMailContent {
  lang: string;
  product: string;
  subject: string;
  /** Hidden preview line that mail clients show next to the subject. */
  preview: string;
  intro: string;
  code: string;
  lifetime: string;
  requestTitle: string;
  request: readonly (readonly [label: string, value: string])[];
  notYouTitle: string;
  notYou: string;
  footer: string;
}

export function codeMailContent(input: CodeMailInput): CodeMailContent {
  const w = CODE_MAIL_WORDING[input.locale ?? 'en'];
  const minutes = Math.round((input.expiresAt - input.requestedAt) / 60_000);
  const lifetime = w.lifetime(minutes, w.clock(input.expiresAt));
  return {
    lang: w.lang,
    product: w.product,
    subject: w.subject(input.code, input.purpose),
    preview: `${input.code} · ${lifetime}`,
    intro: w.intro[input.purpose],
    code: input.code,
    lifetime,
    requestTitle: w.requestTitle,
    request: [
      [w.address, input.ip || w.unknown],
      [w.device, input.userAgent?.trim() ? describeUserAgent(input.userAgent) : w.unknown],
      [w.time, w.dateTime(input.requestedAt)],
    ],
    notYouTitle: w.notYouTitle,
    notYou: w.notYou[input.purpose],
    footer: w.footer,
  };
}

import type { CodePurpose } from '../../../../schemas/mfa';

/** Every word of the code mail in one language; add a locale by adding an object like `en`. */
export interface CodeMailWording {
  /** The `lang` of the HTML mail. */
  lang: string;
  product: string;
  subject(code: string, purpose: CodePurpose): string;
  /** Above the code: what it is for. */
  intro: Record<CodePurpose, string>;
  lifetime(minutes: number, until: string): string;
  requestTitle: string;
  address: string;
  device: string;
  time: string;
  unknown: string;
  notYouTitle: string;
  notYou: Record<CodePurpose, string>;
  footer: string;
  /** A date and time in UTC, e.g. "27 April 2026, 14:05 UTC". */
  dateTime(ms: number): string;
  /** A time of day in UTC, e.g. "14:15 UTC". */
  clock(ms: number): string;
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const twoDigits = (n: number) => String(n).padStart(2, '0');
// Formatted by hand, not Intl: the wording must not change with the runtime's ICU data.
const clockUtc = (ms: number) => {
  const d = new Date(ms);
  return `${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())} UTC`;
};

const notYouEn = (what: string, then: string) =>
  `${what} If that was not you, do not share this code: nobody gets in without it. ${then}`;
const PASSWORD_KNOWN_EN =
  'Someone knows your password, so change it now and tell your administrator.';

export const CODE_MAIL_WORDING = {
  en: {
    lang: 'en',
    product: 'Gatehouse',
    subject: (code, purpose) =>
      `${code} is your Gatehouse ${purpose === 'app_unlock' ? 'unlock' : 'sign-in'} code`,
    intro: {
      web_login: 'Use this code to sign in to the Gatehouse console:',
      app_login: 'Use this code to sign in to the Gatehouse app:',
      app_unlock: 'Use this code to unlock the Gatehouse app:',
    },
    lifetime: (minutes, until) =>
      `It works once, for ${minutes} minutes (until ${until}). Never share it with anyone.`,
    requestTitle: 'Requested from',
    address: 'IP address',
    device: 'Device',
    time: 'Time',
    unknown: 'Unknown',
    notYouTitle: 'Not you?',
    notYou: {
      web_login: notYouEn(
        'Someone signed in to the console with your password.',
        PASSWORD_KNOWN_EN,
      ),
      app_login: notYouEn('Someone signed in to the app with your password.', PASSWORD_KNOWN_EN),
      app_unlock: notYouEn(
        'Someone asked to unlock the Gatehouse app, which is signed in to your account.',
        'Tell your administrator, who can end that session.',
      ),
    },
    footer: 'This email was sent by Gatehouse because a code was requested for your account.',
    dateTime: (ms) => {
      const d = new Date(ms);
      return `${d.getUTCDate()} ${MONTHS_EN[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${clockUtc(ms)}`;
    },
    clock: clockUtc,
  },
} as const satisfies Record<string, CodeMailWording>;

export type MailLocale = keyof typeof CODE_MAIL_WORDING;

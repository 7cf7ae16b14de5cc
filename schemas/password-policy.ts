/**
 * The password policy, after NIST SP 800-63B (rev. 4 §3.1.1.2, rev. 3 §5.1.1.2): a minimum
 * length, a generous maximum, no composition rules (no "must contain a digit"), and a refusal of
 * values attackers guess first — common passwords and the account's own names. Shared by the Worker (the
 * authority) and the console (which shows the same verdict while the user types).
 */

import { COMMON_PASSWORDS, COMMON_STEMS } from './common-passwords.generated';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength } from './password-rule';

export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULE,
  passwordLength,
} from './password-rule';

/** Names shorter than this are ignored by the "contains" rule: they occur by chance too often. */
export const PERSONAL_MIN_LENGTH = 3;

export type PasswordProblemCode = 'too_short' | 'too_long' | 'common' | 'predictable' | 'personal';

/** Why a password is refused: a stable `code` and a sentence for people. */
export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
}

/** What the password must not be built from: the account's own names. */
export interface PasswordContext {
  username?: string | null | undefined;
  email?: string | null | undefined;
  displayName?: string | null | undefined;
  phone?: string | null | undefined;
}

let common: { passwords: ReadonlySet<string>; stems: ReadonlySet<string> } | undefined;
/** Built on first use, so importing the policy costs nothing until a password is checked. */
const commonSets = () => {
  common ??= { passwords: new Set(COMMON_PASSWORDS), stems: new Set(COMMON_STEMS) };
  return common;
};

/** Invisible characters and combining marks: they change nothing a guesser has to guess. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{M}]/gu;

/**
 * What the checks compare: compatibility-normalised (full-width `ｅｍｍａ` reads as `emma`),
 * lower case, without invisible characters or combining marks.
 */
const normal = (value: string) => value.normalize('NFKC').toLowerCase().replace(INVISIBLE, '');

/** Look-alike substitutions people use to dress a common password (`p@ssw0rd`, `l3tm31n`). */
const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
};
/** The undressed readings of a value: `1` reads as `l` or `i`. */
const unLeet = (value: string): string[] => {
  const base = [...value].map((ch) => LEET[ch] ?? ch).join('');
  return [base.replaceAll('1', 'l'), base.replaceAll('1', 'i')];
};
const reversed = (value: string) => [...value].reverse().join('');

/**
 * True when the password is on the shipped common list (any case or width, undressed), or is a
 * common letters-only password (`password`, `welcome`, `letmein`, also reversed) lengthened
 * with digits and symbols around it (`Password2026!`, `p@ssw0rd12`).
 */
export const isCommonPassword = (password: string): boolean => {
  const { passwords, stems } = commonSets();
  const value = normal(password);
  const [, stem = '', digits = ''] = /^(.*?)(\d*)$/u.exec(value) ?? [];
  const readings = [value, ...unLeet(value), ...unLeet(stem).map((s) => s + digits)];
  if (readings.some((v) => passwords.has(v))) return true;
  // The letters between what was added around them, then undressed: `P4$$w0rd!!` → `password`.
  const core = value.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [core, ...unLeet(core)].some(
    (c) => c.length >= 4 && (stems.has(c) || stems.has(reversed(c))),
  );
};

/** Words of this service that attackers try first, as NIST asks ("context-specific words"). */
const CONTEXT_WORDS = ['gatehouse'];

/** Keyboard rows, walked by lazy fingers (`asdfghjkl;`, `!@#$%^&*()`). */
const KEYBOARD_ROWS = [
  '`1234567890-=',
  'qwertyuiop[]\\',
  "asdfghjkl;'",
  'zxcvbnm,./',
  '~!@#$%^&*()_+',
];

/** The value with up to `n` characters cut from each end, every way. */
function trimmedCores(chars: string[], n: number): string[][] {
  const cores: string[][] = [];
  for (let head = 0; head <= n; head++) {
    for (let tail = 0; tail <= n; tail++) {
      if (chars.length - head - tail >= 8) cores.push(chars.slice(head, chars.length - tail));
    }
  }
  return cores;
}

const isRepetition = (chars: string[]) => {
  for (let unit = 1; unit <= chars.length / 2; unit++) {
    if (chars.every((ch, i) => ch === chars[i % unit])) return true;
  }
  return false;
};

const isStraightRun = (chars: string[]) => {
  const steps = chars
    .slice(1)
    .map((ch, i) => (ch.codePointAt(0) ?? 0) - (chars[i]?.codePointAt(0) ?? 0));
  return [1, -1, 2, -2].some((step) => steps.every((d) => d === step));
};

const isKeyboardWalk = (chars: string[]) => {
  const text = chars.join('');
  return KEYBOARD_ROWS.some((row) => row.includes(text) || reversed(row).includes(text));
};

/**
 * A password that is, but for a couple of characters at either end, one repeated unit
 * (`abcdabcdabcd`, `trustno1trustno1`), a straight run (`0123456789!`, `9876543210`,
 * `02468ACEGI`), a walk along a keyboard row (`asdfghjkl;`), or that holds this service's name
 * (also undressed or reversed): what a guesser tries right after the common list.
 */
function isPredictable(password: string): boolean {
  const value = normal(password);
  if (value.trim() === '') return true;
  const chars = [...value];
  for (const core of trimmedCores(chars, 2)) {
    if (isRepetition(core) || isStraightRun(core) || isKeyboardWalk(core)) return true;
  }
  if (chars.length < 16 && isRepetition(chars)) return true;
  const letters = [value, ...unLeet(value)].map((v) => v.replace(/[^\p{L}]/gu, ''));
  return CONTEXT_WORDS.some((word) =>
    letters.some((l) => l.includes(word) || reversed(l).includes(word)),
  );
}

/** Lower case without spaces and punctuation, so `Emma.Weber-2024` still shows `emmaweber`. */
const fold = (value: string) => normal(value).replace(/[\s\p{P}\p{S}]+/gu, '');

function personalProblem(password: string, context: PasswordContext): PasswordProblem | null {
  // Values come from request bodies too; anything but a string is no name.
  const text = (v: unknown) => (typeof v === 'string' ? normal(v.trim()) : '');
  const email = text(context.email);
  const names: [label: string, value: unknown][] = [
    ['username', context.username],
    ['email address', email],
    ['email address', email.split('@')[0]],
    ['display name', context.displayName],
  ];
  // Six or more digits of the phone number, found among the password's digits.
  const phone = text(context.phone).replace(/\D/g, '');
  if (phone.length >= 6 && password.replace(/\D/g, '').includes(phone.slice(-6))) {
    return { code: 'personal', message: 'Do not use the phone number in the password.' };
  }
  const lower = normal(password);
  const folded = fold(password);
  for (const [label, raw] of names) {
    const value = text(raw);
    if (!value) continue;
    // Folded, `emma.weber` is found in `EmmaWeber2024` too; reversed, in `rebewamme`.
    const bare = fold(value);
    const found =
      lower === value ||
      (value.length >= PERSONAL_MIN_LENGTH && lower.includes(value)) ||
      (bare.length >= PERSONAL_MIN_LENGTH &&
        (folded.includes(bare) || folded.includes(reversed(bare))));
    if (found) {
      return { code: 'personal', message: `Do not use the ${label} in the password.` };
    }
  }
  // Any part of a name of four letters or more, reordered or reversed (`kuster.frieda`).
  for (const [label, raw] of names) {
    const parts = text(raw)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((part) => part.length >= 4);
    if (parts.some((part) => folded.includes(part) || folded.includes(reversed(part)))) {
      return { code: 'personal', message: `Do not use the ${label} in the password.` };
    }
  }
  return null;
}

/**
 * The policy's verdict on a password: `null` when it is acceptable, else the first problem in
 * the order length, common, personal. `context` holds the account's names; leave it empty when
 * they are not known (the server checks again with the stored ones).
 */
export function passwordProblem(
  password: string,
  context: PasswordContext = {},
): PasswordProblem | null {
  if (passwordLength(password) < PASSWORD_MIN_LENGTH) {
    return { code: 'too_short', message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` };
  }
  // Measured in UTF-16 units, like the sign-in schema's limit, so every password that can be set
  // can also be typed into the sign-in form.
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { code: 'too_long', message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  if (isCommonPassword(password)) {
    return {
      code: 'common',
      message: 'This password is on a list of common passwords; choose another.',
    };
  }
  if (isPredictable(password)) {
    return {
      code: 'predictable',
      message:
        'This password is too easy to guess (a repeated or straight run, or this service’s name).',
    };
  }
  return personalProblem(password, context);
}

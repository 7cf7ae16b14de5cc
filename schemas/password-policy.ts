/**
 * The password policy, after NIST SP 800-63B (rev. 4 §3.1.1.2, rev. 3 §5.1.1.2): a minimum
 * length, a generous maximum, no composition rules (no "must contain a digit"), and a refusal of
 * values attackers guess first — common passwords and the account's own names. Shared by the Worker (the
 * authority) and the console (which shows the same verdict while the user types).
 */

import { COMMON_PASSWORDS } from './common-passwords.generated';
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
}

let common: ReadonlySet<string> | undefined;
/** Built on first use, so importing the policy costs nothing until a password is checked. */
const commonPasswords = () => {
  common ??= new Set(COMMON_PASSWORDS);
  return common;
};

/** Compatibility-normalised lower case: full-width `ｅｍｍａ` reads as `emma`. */
const normal = (value: string) => value.normalize('NFKC').toLowerCase();

/** Look-alike substitutions people use to dress a common password (`p@ssw0rd`). */
const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'l',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
};
const unLeet = (value: string) => [...value].map((ch) => LEET[ch] ?? ch).join('');

/**
 * True when the password (any case, any width, undressed) is on the shipped common list; a
 * trailing number is kept as typed, so `p@ssw0rd12` is read as `password12`.
 */
export const isCommonPassword = (password: string): boolean => {
  const value = normal(password);
  const [, stem = '', digits = ''] = /^(.*?)(\d*)$/u.exec(value) ?? [];
  return [value, unLeet(value), unLeet(stem) + digits].some((v) => commonPasswords().has(v));
};

/** Words of this service that attackers try first, as NIST asks ("context-specific words"). */
const CONTEXT_WORDS = ['gatehouse'];

/**
 * A password made of one repeated unit (`aaaaaaaaaa`, `abcabcabcabc`), one straight run of
 * characters (`0123456789`, `abcdefghij`, `9876543210`), or a word of this service with a
 * little added: what a guesser tries right after the common list.
 */
function isPredictable(password: string): boolean {
  const value = normal(password);
  if (value.trim() === '') return true;
  const chars = [...value];
  for (let unit = 1; unit <= 3; unit++) {
    if (chars.every((ch, i) => ch === chars[i % unit])) return true;
  }
  const steps = chars
    .slice(1)
    .map((ch, i) => (ch.codePointAt(0) ?? 0) - (chars[i]?.codePointAt(0) ?? 0));
  if (steps.every((d) => d === 1) || steps.every((d) => d === -1)) return true;
  const letters = unLeet(value).replace(/[^\p{L}]/gu, '');
  return CONTEXT_WORDS.some(
    (word) => letters === word || (letters.startsWith(word) && letters.length <= word.length + 2),
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
  const lower = normal(password);
  const folded = fold(password);
  for (const [label, raw] of names) {
    const value = text(raw);
    if (!value) continue;
    // Folded, `emma.weber` is found in `EmmaWeber2024` too.
    const bare = fold(value);
    const found =
      lower === value ||
      (value.length >= PERSONAL_MIN_LENGTH && lower.includes(value)) ||
      (bare.length >= PERSONAL_MIN_LENGTH && folded.includes(bare));
    if (found) {
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

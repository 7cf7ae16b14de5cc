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

export type PasswordProblemCode = 'too_short' | 'too_long' | 'common' | 'personal';

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

/** True when the password (any case) is on the shipped list of common passwords. */
export const isCommonPassword = (password: string): boolean =>
  commonPasswords().has(password.toLowerCase());

/** Lower case without spaces and punctuation, so `Emma.Weber-2024` still shows `emmaweber`. */
const fold = (value: string) => value.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');

function personalProblem(password: string, context: PasswordContext): PasswordProblem | null {
  // Values come from request bodies too; anything but a string is no name.
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
  const email = text(context.email);
  const names: [label: string, value: unknown][] = [
    ['username', context.username],
    ['email address', email],
    ['email address', email.split('@')[0]],
    ['display name', context.displayName],
  ];
  const lower = password.toLowerCase();
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
  return personalProblem(password, context);
}

/**
 * The password rule's limits and wording, without the common-password list: screens show the
 * rule from here before they load the list (schemas/password-policy.ts holds the checks).
 */

/** Fewest characters (Unicode code points) a password may have. */
export const PASSWORD_MIN_LENGTH = 10;
/** Most characters a password may have; the sign-in form accepts the same. */
export const PASSWORD_MAX_LENGTH = 256;

/** The rule in one line, shown next to every field that sets a password. */
export const PASSWORD_RULE = `At least ${PASSWORD_MIN_LENGTH} characters; not a common password or your name.`;

/** Invisible characters: they add nothing to count. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Characters as people count them: each visible character (grapheme) is one — an emoji is
 * one, not the two UTF-16 units `String.length` sees, and `a` with nine combining accents or
 * zero-width spaces is still one.
 */
export function passwordLength(password: string): number {
  const visible = password.normalize('NFC').replace(INVISIBLE, '');
  let count = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(visible)) {
    count++;
  }
  return count;
}

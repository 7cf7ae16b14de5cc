import { z } from 'zod';

/** A lone UTF-16 surrogate: the one thing a JS string holds that is not Unicode text. */
const LONE_SURROGATE = /\p{Cs}/u;

/** True when `text` is well-formed Unicode (no unpaired surrogate). */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/**
 * Characters a name must not hold: C0/C1 controls (tabs and newlines included), line and
 * paragraph separators, invisible format characters (the bidirectional controls that can make
 * a name display as another — “Trojan Source” — zero-width spaces, soft hyphens, tags; the
 * zero-width joiner alone is kept, emoji sequences need it), Hangul fillers, private-use
 * characters and noncharacters.
 */
const FORBIDDEN_IN_NAMES =
  /[\p{Cc}\p{Co}\u2028\u2029\u115f\u1160\u3164\uffa0\ufdd0-\ufdef\ufffe\uffff]|(?![\u200d])\p{Cf}/u;

/** A name must show something: at least one letter, digit, mark of punctuation or symbol. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** A display name of a person, company or role: trimmed, 1..`max`, printable. */
export const nameSchema = (max: number, emptyMessage: string) =>
  z
    .string()
    .trim()
    .min(1, emptyMessage)
    .max(max, `Use at most ${max} characters.`)
    .refine(
      (v) => !FORBIDDEN_IN_NAMES.test(v),
      'Remove control, invisible or text-direction characters from the name.',
    )
    .refine((v) => VISIBLE.test(v), emptyMessage);

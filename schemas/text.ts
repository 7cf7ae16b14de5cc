import { z } from 'zod';

/** A lone UTF-16 surrogate: the one thing a JS string holds that is not Unicode text. */
const LONE_SURROGATE = /\p{Cs}/u;

/** True when `text` is well-formed Unicode (no unpaired surrogate). */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/**
 * Characters a name must not hold: C0/C1 controls (tabs and newlines included), line and
 * paragraph separators, and the bidirectional controls that can make a name display as
 * another (“Trojan Source”).
 */
const FORBIDDEN_IN_NAMES = /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** A display name of a person, company or role: trimmed, 1..`max`, printable. */
export const nameSchema = (max: number, emptyMessage: string) =>
  z
    .string()
    .trim()
    .min(1, emptyMessage)
    .max(max, `Use at most ${max} characters.`)
    .refine(
      (v) => !FORBIDDEN_IN_NAMES.test(v),
      'Remove control or text-direction characters from the name.',
    );

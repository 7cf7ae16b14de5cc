import { z } from 'zod';

/** A lone UTF-16 surrogate: the one thing a JS string holds that is not Unicode text. */
const LONE_SURROGATE = /\p{Cs}/u;

/** True when `text` is well-formed Unicode (no unpaired surrogate). */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/**
 * Characters a name must not hold: C0/C1 controls (tabs and newlines included), line and
 * paragraph separators, private-use characters, noncharacters, and every default-ignorable
 * code point — the invisible ones (zero-width spaces and joiners, variation selectors, soft
 * hyphens, tags, fillers) and the bidirectional controls that can make a name display as
 * another (“Trojan Source”) or two names look alike (“Europe” and “Europe” + U+034F).
 */
const FORBIDDEN_IN_NAMES =
  /[\p{Cc}\p{Co}\p{Default_Ignorable_Code_Point}\u2028\u2029\ufdd0-\ufdef\ufffe\uffff]/u;

/** Characters that draw nothing although they are symbols (braille blank, null notehead). */
const BLANK_SYMBOLS = /[\u2800\u{1D159}]/gu;

/** A name must show something: at least one letter, digit, mark of punctuation or symbol. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** A display name of a person, company or role: trimmed, 1..`max`, printable. */
export const nameSchema = (max: number, emptyMessage: string) =>
  z
    .string()
    .trim()
    // One spelling per name: composed accents (NFC), and any run of spaces (no-break, wide
    // or ideographic ones) as one space — so "Café  Zürich" cannot sit beside "Café Zürich".
    .overwrite((v) => v.normalize('NFC').replace(/\p{Zs}+/gu, ' '))
    .min(1, emptyMessage)
    .max(max, `Use at most ${max} characters.`)
    .refine(
      (v) => !FORBIDDEN_IN_NAMES.test(v),
      'Remove control, invisible or text-direction characters from the name.',
    )
    .refine((v) => VISIBLE.test(v.replace(BLANK_SYMBOLS, '')), emptyMessage);

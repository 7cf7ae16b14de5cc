import { createMemo, createSignal } from 'solid-js';
import { z } from 'zod';
import { locale, t } from '../i18n';
import { en } from '../i18n/en';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** The generic words for an issue of a kind, from the catalog (no schema-specific message). */
function genericText(issue: Issue | RawIssue): string {
  switch (issue.code) {
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string')
        return n <= 1 ? t('validation.required') : t('validation.tooShort', n);
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.tooFew', n);
      return t('validation.tooSmall', n);
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.tooLong', n);
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.tooMany', n);
      return t('validation.tooBig', n);
    }
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.format');
    case 'invalid_type':
      return issue.input === undefined || issue.input === ''
        ? t('validation.required')
        : t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}

// Schemas without their own words get the catalog's, not zod's "Too small: expected …".
z.config({ customError: (issue) => genericText(issue) });

type Reason = keyof typeof en.validation.reasons;
const isReason = (r: unknown): r is Reason => typeof r === 'string' && r in en.validation.reasons;

/** A refusal a schema names by `params.reason` (e.g. the password policy's codes). */
function reasonText(issue: Issue): string | undefined {
  if (issue.code !== 'custom') return undefined;
  const reason: unknown = issue.params?.reason;
  return isReason(reason) ? t(`validation.reasons.${reason}`) : undefined;
}

/**
 * One sentence for a zod issue in the chosen language. English keeps the schema's own words
 * (the API answers the same ones); other languages word the issue's kind from the catalog.
 */
export function issueText(issue: Issue): string {
  if (locale() === 'en') return issue.message;
  return reasonText(issue) ?? genericText(issue);
}

/** "expiresAt", "permissions.web.0": the field an issue belongs to. */
export const issueField = (issue: Issue) => issue.path.map(String).join('.');

/** The first issue of each field, worded. */
export function fieldErrors(issues: readonly Issue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issueField(issue);
    out[field] ??= issueText(issue);
  }
  return out;
}

/**
 * Client-side checking of a form with the schema the API uses (the API stays the authority):
 * every error at once, each beside its field; a field shows its error once it was left or the
 * form submitted, and the error goes as soon as the input becomes valid. An error the API
 * answers for a field stays until that field changes.
 */
export function createFormValidation<S extends z.ZodType>(schema: S, input: () => z.input<S>) {
  const [touched, setTouched] = createSignal<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = createSignal(false);
  const [serverErrors, setServerErrors] = createSignal<
    Record<string, { message: string; value: string }>
  >({});
  const parsed = createMemo(() => schema.safeParse(input()));
  const errors = createMemo(() => {
    // Read the locale so the words follow a language switch.
    locale();
    const result = parsed();
    return result.success ? {} : fieldErrors(result.error.issues);
  });
  const currentValue = (field: string): string => {
    let value: unknown = input();
    for (const part of field.split('.')) value = (value as Record<string, unknown> | null)?.[part];
    return JSON.stringify(value ?? null);
  };

  return {
    /** The error to show beside `field` now, if any. */
    error(field: string): string | undefined {
      const server = serverErrors()[field];
      if (server && server.value === currentValue(field)) return server.message;
      if (!submitted() && !touched().has(field)) return undefined;
      return errors()[field];
    },
    /** Every current error, shown or not (e.g. to disable a button or count them). */
    errors,
    valid: () => parsed().success,
    /** Call from the field's blur: its error shows from now on. */
    touch(field: string) {
      if (!touched().has(field)) setTouched(new Set([...touched(), field]));
    },
    /** On submit: shows every error and answers the parsed value, or null when any is left. */
    submit(): z.output<S> | null {
      setSubmitted(true);
      const result = parsed();
      return result.success ? result.data : null;
    },
    /** An error the API answered for a field; it shows until the field's value changes. */
    setServerError(field: string, message: string) {
      setServerErrors({ ...serverErrors(), [field]: { message, value: currentValue(field) } });
    },
    reset() {
      setTouched(new Set<string>());
      setSubmitted(false);
      setServerErrors({});
    },
  };
}

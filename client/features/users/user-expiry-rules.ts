import { fromDateInput, toDateInput } from '../../ui/format';

/** The last day anyone can pick: the date field's own limit. */
export const LATEST_DAY = '9999-12-31';
/** Before this a date is a typo (a year 0001), not a plan. */
export const EARLIEST_DAY = '1970-01-01';

/**
 * What a picked expiry day means before it is saved:
 * - `never`: the account does not expire;
 * - `empty` / `invalid` / `tooEarly` / `beyondLimit`: the day cannot be saved;
 * - `past`: the account expires the moment it is saved (it cannot sign in; sessions end);
 * - `ok`: a day to come.
 */
export type ExpiryVerdict =
  | { kind: 'never' }
  | { kind: 'empty' }
  | { kind: 'invalid' }
  | { kind: 'tooEarly' }
  | { kind: 'beyondLimit'; limitDay: string }
  | { kind: 'past'; day: string }
  | { kind: 'ok'; day: string };

/** The latest day the editor may give: its own expiry's and the parent's, whichever is first. */
export function limitDayOf(limits: (string | null | undefined)[]): string {
  const days = limits.filter((d): d is string => Boolean(d)).map((d) => toDateInput(d));
  return days.sort()[0] ?? LATEST_DAY;
}

/** Judges a day typed in a date field against the allowed range and today. */
export function judgeExpiryDay(
  never: boolean,
  day: string,
  limitDay: string,
  now = new Date(),
): ExpiryVerdict {
  if (never) return limitDay === LATEST_DAY ? { kind: 'never' } : { kind: 'beyondLimit', limitDay };
  if (!day) return { kind: 'empty' };
  if (fromDateInput(day) === null) return { kind: 'invalid' };
  // Days as YYYY-MM-DD strings of at least four-digit years compare in calendar order.
  if (day.length > 10) return { kind: 'beyondLimit', limitDay };
  if (day < EARLIEST_DAY) return { kind: 'tooEarly' };
  if (day > limitDay) return { kind: 'beyondLimit', limitDay };
  if (day < toDateInput(now.toISOString())) return { kind: 'past', day };
  return { kind: 'ok', day };
}

/** Whether the verdict lets the form save (a past day still needs the admin's confirmation). */
export const isSavable = (v: ExpiryVerdict) =>
  v.kind === 'never' || v.kind === 'ok' || v.kind === 'past';

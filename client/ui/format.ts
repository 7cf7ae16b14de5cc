import { EXPIRY_RANGE } from '../../schemas/expiry-range';
import { formatInstant, t } from '../i18n';

/** "Nov 27, 2026" in the chosen language; "Never" for null. */
export function formatDate(iso: string | null, withTime = false): string {
  return iso ? formatInstant(iso, withTime) : t('common.never');
}

/** The value for an <input type="date"> from an ISO instant (local calendar day). */
export function toDateInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * End of the chosen local day as an ISO instant, or null for an empty or impossible field.
 * The year is set on its own: `new Date(y, …)` reads years 0–99 as 1900–1999, which turned a
 * typed 0001 into 1901.
 */
export function fromDateInput(value: string): string | null {
  const parts = /^(\d{4,6})-(\d{2})-(\d{2})$/.exec(value);
  if (!parts) return null;
  const [y, m, d] = [Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])];
  const date = new Date(2000, 0, 1, 23, 59, 59);
  date.setFullYear(y, m, d);
  // 2027-02-31 rolls over into March: not a day anyone picked.
  if (date.getFullYear() !== y || date.getMonth() !== m || date.getDate() !== d) return null;
  // The end of 9999-12-31 west of UTC is already year 10000 in UTC: keep it inside the range.
  return new Date(Math.min(date.getTime(), EXPIRY_RANGE.max)).toISOString();
}

export const isExpired = (iso: string | null) => iso !== null && Date.parse(iso) <= Date.now();

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "OC" for "Olivia Chen": the letters of an avatar. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')
  ).toUpperCase();
}

import { formatInstant, t } from '../i18n';

/** "Nov 27, 2026" in the chosen language; "Never" for null. */
export function formatDate(iso: string | null, withTime = false): string {
  return iso ? formatInstant(iso, withTime) : t('common.never');
}

/** The value for an <input type="date"> from an ISO instant (local calendar day). */
export function toDateInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** End of the chosen local day as an ISO instant, or null for an empty field. */
export function fromDateInput(value: string): string | null {
  if (!value) return null;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 23, 59, 59).toISOString();
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

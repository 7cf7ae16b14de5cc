import { locale } from './state';

/**
 * Dates and numbers in the chosen language, through `Intl`. Catalog entries that count things
 * (`(n) => …`) format their numbers here too, so "1,234" reads "1,234" or "1,234" as the
 * language writes it.
 */
export const formatNumber = (n: number) => new Intl.NumberFormat(locale()).format(n);

/** "Nov 27, 2026" / "2026年11月27日"; `withTime` adds the local time. */
export function formatInstant(iso: string, withTime = false): string {
  return new Intl.DateTimeFormat(
    locale(),
    withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
  ).format(new Date(iso));
}

/** "3 minutes ago" / "3分钟前", or "in 2 days"; for instants near now. */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(seconds, 'second');
}

/** "a, b and c" / "a、b和c". */
export const formatList = (items: string[]) =>
  new Intl.ListFormat(locale(), { style: 'long', type: 'conjunction' }).format(items);

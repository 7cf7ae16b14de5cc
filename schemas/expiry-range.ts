// Zod-free, so the console's first bundle can read it without the schema library.

/**
 * The instants an expiry may name: from 1970 to the last moment of year 9999 (UTC). Earlier
 * "dates" are typos (year 0001), and a later one would read back as "+010000-…", which no ISO
 * date field accepts.
 */
export const EXPIRY_RANGE = {
  min: Date.UTC(1970, 0, 1),
  max: Date.UTC(9999, 11, 31, 23, 59, 59, 999),
} as const;

/**
 * What an audit entry's before and after say, field by field, for people: changed fields with
 * their old and new value, a list field as what was added and removed, and the facts of an
 * entry that has only one side (a creation, a deletion, a sign-in).
 */
export type DiffRow =
  | { kind: 'change'; field: string; before: unknown; after: unknown }
  | { kind: 'set'; field: string; added: string[]; removed: string[] }
  | { kind: 'fact'; field: string; value: unknown };

type Fields = Record<string, unknown>;

/** Ids mean nothing to a reader; the entry names its target already. */
const HIDDEN = new Set(['id']);

const isFields = (v: unknown): v is Fields =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The entry's fields, with nested groups (sign-in factors, token rules) opened up. */
function fieldsOf(value: unknown): Fields {
  const out: Fields = {};
  if (!isFields(value)) return out;
  for (const [key, inner] of Object.entries(value)) {
    if (HIDDEN.has(key)) continue;
    if (isFields(inner)) Object.assign(out, fieldsOf(inner));
    else out[key] = inner;
  }
  return out;
}

/** The rows to show for one entry, in the order its fields were recorded. */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const was = fieldsOf(before);
  const now = fieldsOf(after);
  if (!isFields(before) || !isFields(after)) {
    const only = isFields(after) ? now : was;
    return Object.entries(only).map(([field, value]) => ({ kind: 'fact', field, value }));
  }
  const rows: DiffRow[] = [];
  for (const [field, value] of Object.entries(now)) {
    if (!(field in was)) {
      rows.push({ kind: 'fact', field, value });
      continue;
    }
    const old = was[field];
    if (same(old, value)) continue;
    if (isStrings(old) && isStrings(value)) {
      const had = new Set(old);
      const has = new Set(value);
      rows.push({
        kind: 'set',
        field,
        added: value.filter((v) => !had.has(v)),
        removed: old.filter((v) => !has.has(v)),
      });
    } else {
      rows.push({ kind: 'change', field, before: old, after: value });
    }
  }
  return rows;
}

import type { AuditEntry } from '../../../schemas/audit';
import { formatInstant, formatList, formatNumber, t } from '../../i18n';
import { en } from '../../i18n/en';
import { permissionLabel } from '../../i18n/permission-label';

/** Looks a name up by id (companies, roles the reader can see); undefined when unknown. */
export type NameOf = (id: string) => string | undefined;

type CatalogKey = Parameters<typeof t>[0];
const has = (group: object, key: string) => Object.hasOwn(group, key);
/** A word whose key is built from data (checked with `has` against the English catalog). */
const word = (key: string) => t(key as CatalogKey) as string;

/** Fields whose value is the id of a company, a role or a user. */
const ID_FIELDS = new Set(['companyId', 'parentId', 'relatedCompanyId', 'parentUserId']);
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
/** Beyond this many items a list is cut short ("and 12 more"). */
const LIST_MAX = 6;

/** A field's label from the catalog; an unknown field keeps its name. */
export function fieldLabel(field: string): string {
  return has(en.audit.fields, field) ? word(`audit.fields.${field}`) : field;
}

/** The action as the filter lists it. */
export const actionName = (action: AuditEntry['action']) => t(`audit.actionNames.${action}`);

/** The entry in one sentence: who did what to whom, by name. */
export function entrySentence(entry: AuditEntry): string {
  const actor = entry.actorName
    ? `${entry.actorName} (${entry.actorUsername})`
    : entry.actorUsername;
  const target = entry.targetName ?? t('audit.unnamed');
  if (entry.action === 'user.password' && entry.actorId === entry.targetId) {
    return t('audit.sentences.ownPassword', { actor });
  }
  return t(`audit.sentences.${entry.action}`, { actor, target });
}

function listText(items: string[]): string {
  const shown = items.slice(0, LIST_MAX);
  const rest = items.length - shown.length;
  return formatList(rest > 0 ? [...shown, t('audit.moreItems', rest)] : shown);
}

/** One value in words: dates in the reader's locale, yes/no, catalog words for known values. */
export function valueText(field: string, value: unknown, nameOf: NameOf): string {
  if (value === null || value === undefined || value === '') {
    return field === 'expiresAt' ? t('common.never') : t('common.none');
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    const words = (en.audit.values as Record<string, object>)[field];
    if (words && has(words, value)) return word(`audit.values.${field}.${value}`);
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
      return formatInstant(value, true);
    }
    if (ID_FIELDS.has(field)) return nameOf(value) ?? t('audit.unnamed');
    return value;
  }
  if (Array.isArray(value)) {
    if (field === 'userIds') return t('audit.accounts', value.length);
    if (value.length === 0) return t('common.none');
    return listText(value.map((item) => itemText(field, item, nameOf)));
  }
  return JSON.stringify(value);
}

const TREES = ['function', 'web', 'app'] as const;

/** "APP › Monitor": the label with its tree, since WEB and APP both have a "Monitor". */
function permissionText(key: string): string {
  const tree = TREES.find((name) => key.startsWith(`${name}.`));
  return tree
    ? `${t(`permissions.trees.${tree}`)} › ${permissionLabel(key)}`
    : permissionLabel(key);
}

/** An item of a list: a role by name, an account by username, a permission by its label. */
function itemText(field: string, item: unknown, nameOf: NameOf): string {
  if (typeof item === 'string') {
    if (field === 'roleIds') return nameOf(item) ?? t('audit.unnamed');
    return field === 'permissions' ? permissionText(item) : item;
  }
  if (typeof item === 'object' && item !== null) {
    const named = item as { username?: unknown; name?: unknown };
    const name = named.username ?? named.name;
    if (typeof name === 'string') return name;
  }
  return String(item);
}

/** The items of a list field in words (roles by name). */
export const itemsText = (field: string, items: string[], nameOf: NameOf) =>
  listText(items.map((item) => itemText(field, item, nameOf)));

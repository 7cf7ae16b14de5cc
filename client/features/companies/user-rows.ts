import type { UserListItem } from '../../../schemas/users';

/**
 * A company's users in tree order: each sub-user right after its parent (and the parent's
 * earlier sub-users), one level deeper. The API pages by username, which would put
 * "dispatch.berlin" above its parent "emma.weber"; a sub-user whose parent is not on the page
 * (another company, a later page, filtered out) stays at the top level.
 */
export function parentsFirst(
  users: readonly UserListItem[],
): { user: UserListItem; level: number }[] {
  const ids = new Set(users.map((u) => u.id));
  const subs = new Map<string, UserListItem[]>();
  for (const u of users) {
    if (u.parentUserId && ids.has(u.parentUserId)) {
      subs.set(u.parentUserId, [...(subs.get(u.parentUserId) ?? []), u]);
    }
  }
  const rows: { user: UserListItem; level: number }[] = [];
  const visit = (u: UserListItem, level: number) => {
    rows.push({ user: u, level });
    for (const s of subs.get(u.id) ?? []) visit(s, level + 1);
  };
  for (const u of users) if (!u.parentUserId || !ids.has(u.parentUserId)) visit(u, 0);
  return rows;
}

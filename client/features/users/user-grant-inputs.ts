import { createAsync } from '@solidjs/router';
import { createMemo } from 'solid-js';
import type { Role } from '../../../schemas/roles';
import type { UserRecord } from '../../../schemas/users';
import { useMe } from '../../lib/use-me';
import { getCompany } from '../companies/company.queries';
import type { ParentCap } from '../permissions/permission-standing';
import { getRoles } from '../roles/role.queries';
import type { FormState } from './user-form-state';

/**
 * What the roles and permission sections need besides the form: the roles the admin can see
 * (null when it cannot read roles), the company with its trail, what the ticked roles give,
 * what the admin may grant, and what caps a sub-user.
 */
export function createUserGrantInputs(props: {
  form: () => FormState;
  user: () => UserRecord | undefined;
  parent: () => UserRecord | undefined;
}) {
  const { me, can } = useMe();
  const rolesVisible = () => can('function.roles.view');
  const roles = createAsync(async () => (rolesVisible() ? getRoles() : undefined));
  // Without "View companies" the read is refused, which would replace the form (page-guard).
  // Read by id alone: a keystroke elsewhere in the form must not read the company again (a
  // pending read suspends the page and takes the focus away).
  const companyId = createMemo(() => props.form().companyId);
  const company = createAsync(async () => {
    const id = companyId();
    return id && can('function.companies.view') ? getCompany(id) : undefined;
  });

  /** Roles usable in the account's company, and always the ones it holds. */
  const shownRoles = createMemo((): Role[] | null => {
    if (!rolesVisible()) return null;
    const all = roles()?.roles ?? [];
    const trail = company()?.trail;
    // Without the company's trail (no "View companies") every visible role is offered; the
    // API refuses one the company cannot use, beside the roles.
    if (!trail) return all;
    const owners = new Set([...trail.map((c) => c.id), props.form().companyId]);
    return all.filter(
      (r) => owners.has(r.companyId) || !r.editable || props.form().roleIds.includes(r.id),
    );
  });
  const grantable = createMemo(() => new Set(me()?.permissions ?? []));
  const fromRoles = createMemo(() => {
    const chosen = new Set(props.form().roleIds);
    return new Set(
      (roles()?.roles ?? []).filter((r) => chosen.has(r.id)).flatMap((r) => r.permissions),
    );
  });
  /** What caps a sub-user: its parent's effective set (the parent's own cap included). */
  const parentCap = createMemo((): ParentCap | undefined => {
    const parent = props.parent();
    if (parent) {
      return { name: parent.username, held: new Set(parent.effectivePermissions) };
    }
    const u = props.user();
    if (!u?.parentUserId) return undefined;
    // A parent outside the admin's scope cannot be read: what it removed from the stored
    // grants shows in the stored effective set.
    const effective = new Set(u.effectivePermissions);
    const removed = [...u.permissions, ...fromRoles()].filter((k) => !effective.has(k));
    const held = new Set([...effective, ...u.permissions, ...fromRoles()]);
    for (const k of removed) held.delete(k);
    return { name: null, held };
  });
  const standing = () => ({ fromRoles: fromRoles(), parent: parentCap(), grantable: grantable() });

  return { rolesVisible, company, shownRoles, standing };
}

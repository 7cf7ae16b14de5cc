/**
 * Where one permission of an edited account stands, as the editor shows it on its row:
 * - `held`: granted (directly, by a role, or both) and not removed by a parent account;
 * - `capped`: granted, but the parent account does not hold it, so the account does not either
 *   (a sub-user never holds more than its parent: effective = grants ∩ parent's);
 * - `notGrantable`: not granted, and the editing admin does not hold it, so it cannot grant it;
 * - `none`: not granted, and the admin could grant it.
 */
export type PermissionStanding =
  | { kind: 'held'; direct: boolean; viaRole: boolean }
  | { kind: 'capped'; direct: boolean; viaRole: boolean; parent: string | null }
  /** A branch granted whole, whose parent holds only some of what lies below it. */
  | { kind: 'partlyCapped'; parent: string | null }
  | { kind: 'notGrantable' }
  | { kind: 'none' };

/** What caps a sub-user: its parent's effective permissions (null name: outside your scope). */
export interface ParentCap {
  name: string | null;
  held: ReadonlySet<string>;
}

export interface StandingInputs {
  /** The direct grants in the form now. */
  direct: ReadonlySet<string>;
  /** The keys the roles ticked in the form now give. */
  fromRoles: ReadonlySet<string>;
  /** The parent's effective set, for a sub-user; undefined for a parent-level account. */
  parent: ParentCap | undefined;
  /** What the editing admin holds (nobody grants beyond its own). */
  grantable: ReadonlySet<string>;
}

/**
 * The standing of `key` for the account as the form holds it now (not yet saved); `below` are
 * the keys under a branch, so a branch whose parent holds part of it reads "partly held".
 */
export function standingOf(
  key: string,
  s: StandingInputs,
  below: readonly string[] = [],
): PermissionStanding {
  const direct = s.direct.has(key);
  const viaRole = s.fromRoles.has(key);
  if (direct || viaRole) {
    if (s.parent && !s.parent.held.has(key)) {
      const parent = s.parent;
      return below.some((k) => parent.held.has(k))
        ? { kind: 'partlyCapped', parent: parent.name }
        : { kind: 'capped', direct, viaRole, parent: parent.name };
    }
    return { kind: 'held', direct, viaRole };
  }
  return s.grantable.has(key) ? { kind: 'none' } : { kind: 'notGrantable' };
}

/** Granted keys a parent removes: what the account is given but will not hold. */
export function cappedKeys(s: StandingInputs): string[] {
  if (!s.parent) return [];
  const granted = new Set([...s.direct, ...s.fromRoles]);
  return [...granted].filter((k) => !s.parent?.held.has(k)).sort();
}

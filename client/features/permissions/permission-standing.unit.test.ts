import { describe, expect, it } from 'vitest';
import { cappedKeys, type StandingInputs, standingOf } from './permission-standing';

const inputs = (over: Partial<StandingInputs> = {}): StandingInputs => ({
  direct: new Set(),
  fromRoles: new Set(),
  parent: undefined,
  grantable: new Set(['web.a', 'web.b', 'web.c']),
  ...over,
});

describe('where a permission of an edited account stands', () => {
  it('is held through a role when the account has no parent', () => {
    const s = inputs({ fromRoles: new Set(['web.a']) });
    expect(standingOf('web.a', s)).toEqual({ kind: 'held', direct: false, viaRole: true });
  });

  it('reads a branch as partly held when the parent holds some of what lies below it', () => {
    const s = inputs({
      fromRoles: new Set(['web.x', 'web.x.view', 'web.x.edit']),
      parent: { name: 'emma.weber', held: new Set(['web.x.view']) },
    });
    expect(standingOf('web.x', s, ['web.x.view', 'web.x.edit'])).toEqual({
      kind: 'partlyCapped',
      parent: 'emma.weber',
    });
    // Nothing below held by the parent: the branch is plainly capped.
    expect(standingOf('web.x', s, ['web.x.edit']).kind).toBe('capped');
  });

  it('is capped, naming the parent, when a role gives what the parent lacks', () => {
    const s = inputs({
      fromRoles: new Set(['web.a', 'web.b']),
      parent: { name: 'emma.weber', held: new Set(['web.a']) },
    });
    expect(standingOf('web.a', s).kind).toBe('held');
    expect(standingOf('web.b', s)).toEqual({
      kind: 'capped',
      direct: false,
      viaRole: true,
      parent: 'emma.weber',
    });
    expect(cappedKeys(s)).toEqual(['web.b']);
  });

  it('is not grantable when neither granted nor held by the admin', () => {
    expect(standingOf('web.z', inputs()).kind).toBe('notGrantable');
    expect(standingOf('web.c', inputs()).kind).toBe('none');
  });

  it('stays held when granted directly even if the admin does not hold it', () => {
    const s = inputs({ direct: new Set(['web.z']) });
    expect(standingOf('web.z', s)).toEqual({ kind: 'held', direct: true, viaRole: false });
  });
});

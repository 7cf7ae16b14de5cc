import { describe, expect, it } from 'vitest';
import { diffRows } from './audit-diff';

describe('the field-by-field view of an audit entry', () => {
  it('lists only the fields that changed, with their old and new value', () => {
    const rows = diffRows(
      { id: 'co_1', name: 'Berlin', parentId: 'co_a' },
      { id: 'co_1', name: 'Berlin Branch', parentId: 'co_a' },
    );
    expect(rows).toEqual([
      { kind: 'change', field: 'name', before: 'Berlin', after: 'Berlin Branch' },
    ]);
  });

  it('shows a list field as what was added and removed', () => {
    const rows = diffRows({ permissions: ['web.a', 'web.b'] }, { permissions: ['web.b', 'web.c'] });
    expect(rows).toEqual([
      { kind: 'set', field: 'permissions', added: ['web.c'], removed: ['web.a'] },
    ]);
  });

  it('opens nested groups and states the facts of a one-sided entry', () => {
    expect(diffRows(null, { client: 'web', factor: 'password' })).toEqual([
      { kind: 'fact', field: 'client', value: 'web' },
      { kind: 'fact', field: 'factor', value: 'password' },
    ]);
    expect(
      diffRows(
        { webLogin: 'password', appLogin: 'password' },
        { webLogin: 'email', appLogin: 'password' },
      ),
    ).toEqual([{ kind: 'change', field: 'webLogin', before: 'password', after: 'email' }]);
    expect(
      diffRows(
        { expiresAt: null },
        { expiresAt: '2030-01-01T00:00:00.000Z', applyToCompany: true },
      ),
    ).toEqual([
      { kind: 'change', field: 'expiresAt', before: null, after: '2030-01-01T00:00:00.000Z' },
      { kind: 'fact', field: 'applyToCompany', value: true },
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROUTES, routeKey } from '../../worker/routes/registry';
import { api, bearer, ORIGIN } from './fixtures';
import { call, twoTrees } from './org-fixtures';
import { snapshotSubtree } from './snapshot';

/** Routes that take a JSON body, with their path ids filled by in-scope ids. */
const withBodies = ROUTES.filter((spec) => spec.body !== undefined).map((spec) => [routeKey(spec)]);

describe('bad input never gets a 500 nor writes anything', () => {
  it.each(withBodies)('%s answers 4xx with the error envelope for arbitrary JSON', async (key) => {
    const t = await twoTrees();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'R',
      companyId: t.east.id,
      permissions: [],
    });
    const [method = 'GET', path = ''] = key.split(' ');
    const id = path.startsWith('/api/v1/companies/')
      ? t.east1.id
      : path.startsWith('/api/v1/users/')
        ? t.admin.id
        : String(role.body.id);
    const url = path.replace('/api/v1', '').replace(':id', id);
    const before = await snapshotSubtree(t.acme.path);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 2 }), async (body) => {
        const res = await api(url, {
          method,
          headers: { ...bearer(t.token), 'content-type': 'application/json', origin: ORIGIN },
          body: JSON.stringify(body),
        });
        expect(res.status, `${key} ${JSON.stringify(body)}`).toBeLessThan(500);
        if (res.status < 400) accepted++;
        else {
          const envelope = (await res.json()) as { error: { code: string; requestId: string } };
          expect(envelope.error.code).toMatch(/^[A-Z_]+$/);
          expect(envelope.error.requestId).toBeTruthy();
        }
      }),
      { numRuns: 8 },
    );
    // Only a PATCH whose fields are all optional may accept an arbitrary object (unknown keys
    // are dropped, `{}` changes nothing); every other refusal must have written nothing.
    if (accepted === 0) expect(await snapshotSubtree(t.acme.path)).toEqual(before);
    else expect(method).toBe('PATCH');
  });
});

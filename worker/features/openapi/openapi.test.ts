import { describe, expect, it } from 'vitest';
import { api } from '../../../test/worker/fixtures';
import { app } from '../../app';
import { ROUTES, routeKey } from '../../routes/registry';
import { DEV_OUTBOX_PATH } from '../dev-tools/dev-tools.contract';

describe('GET /openapi.json', () => {
  it('serves exactly the routes of the registry, each declared once', () => {
    const devOutbox = `GET ${DEV_OUTBOX_PATH}`;
    const all = app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.path}`);
    // The tests run a development build: its dev outbox route is served but deliberately not
    // in the registry (it does not exist in production builds).
    expect(all).toContain(devOutbox);
    const served = all.filter((key) => key !== devOutbox);
    const declared = ROUTES.map(routeKey);
    expect(new Set(declared).size).toBe(declared.length);
    expect([...new Set(served)].sort()).toEqual([...declared].sort());
  });

  it('answers an OpenAPI 3.1 document with request and response schemas and real statuses', async () => {
    const res = await api('/openapi.json');
    expect(res.status).toBe(200);
    type Operation = {
      requestBody?: {
        content: Record<string, { schema: { properties: Record<string, unknown> } }>;
      };
      responses: Record<string, { content?: Record<string, { schema: { properties?: object } }> }>;
      'x-permission'?: string;
    };
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.paths['/api/v1/users']?.post;
    expect(
      Object.keys(create?.requestBody?.content['application/json']?.schema.properties ?? {}),
    ).toEqual(
      expect.arrayContaining([
        'username',
        'password',
        'companyId',
        'relatedCompanyId',
        'roleIds',
        'permissions',
      ]),
    );
    expect(Object.keys(create?.responses ?? {})).toEqual(['201', 'default']);
    expect(
      create?.responses['201']?.content?.['application/json']?.schema.properties,
    ).toHaveProperty('effectivePermissions');
    expect(create?.['x-permission']).toBe('function.users.create');
    expect(doc.paths['/api/v1/users/{id}/expiry']?.put?.responses['200']).toBeDefined();
    for (const spec of ROUTES) {
      const op =
        doc.paths[`/api/v1${spec.path}`.replace(/:(\w+)/g, '{$1}')]?.[spec.method.toLowerCase()];
      expect(op?.responses, routeKey(spec)).toHaveProperty([String(spec.status)]);
    }
  });
});

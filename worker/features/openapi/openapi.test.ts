import { describe, expect, it } from 'vitest';
import { api } from '../../../test/worker/fixtures';
import { app } from '../../app';
import { ROUTE_DOCS } from './route-docs';

describe('GET /openapi.json', () => {
  it('documents every route the app serves, and nothing it does not', () => {
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
        .map((r) => `${r.method} ${r.path}`),
    );
    expect([...served].sort()).toEqual(Object.keys(ROUTE_DOCS).sort());
  });

  it('answers an OpenAPI 3.1 document with request schemas from the validators', async () => {
    const res = await api('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<string, { schema: { properties: Record<string, unknown> } }>;
            };
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const create =
      doc.paths['/api/v1/users']?.post?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(create?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'username',
        'password',
        'companyId',
        'relatedCompanyId',
        'roleIds',
        'permissions',
      ]),
    );
    expect(doc.paths['/api/v1/users/{id}/expiry']?.put).toBeDefined();
  });
});

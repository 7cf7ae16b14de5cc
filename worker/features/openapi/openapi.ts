import { z } from 'zod';
import { ERROR_CODES } from '../../../schemas/errors';
import { API_BASE, ROUTES } from '../../routes/registry';
import type { RouteSpec } from '../../routes/route';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;

let built: ReturnType<typeof build> | undefined;

/** The OpenAPI 3.1 document, built once per isolate from the route registry. */
export function openApiDocument() {
  built ??= build();
  return built;
}

const ERROR_RESPONSE = {
  description: 'Error (the one envelope)',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

function parameters(spec: RouteSpec): unknown[] {
  const list: unknown[] = [];
  for (const [target, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input') as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      list.push({
        name,
        in: target,
        required: target === 'path' || (json.required?.includes(name) ?? false),
        schema: property,
      });
    }
  }
  return list;
}

function operation(spec: RouteSpec) {
  const params = parameters(spec);
  const success =
    spec.response === null
      ? { description: 'Switching Protocols (WebSocket)' }
      : {
          description: 'Success',
          content: { 'application/json': { schema: toSchema(spec.response, 'output') } },
        };
  return {
    summary: spec.summary,
    ...(spec.permission ? { 'x-permission': spec.permission } : {}),
    ...(spec.actsOnAccount ? { 'x-acts-on-account': true } : {}),
    ...(spec.access === 'public' ? { security: [] } : {}),
    ...(spec.access === 'session-before-password-change'
      ? { 'x-before-password-change': true }
      : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(spec.body, 'input') } },
          },
        }
      : {}),
    ...(spec.form
      ? {
          requestBody: {
            required: true,
            content: { 'multipart/form-data': { schema: toSchema(spec.form, 'input') } },
          },
        }
      : {}),
    responses: { [String(spec.status)]: success, default: ERROR_RESPONSE },
  };
}

function build() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of ROUTES) {
    const openPath = `${API_BASE}${spec.path}`.replace(/:(\w+)/g, '{$1}');
    paths[openPath] ??= {};
    (paths[openPath] as Record<string, unknown>)[spec.method.toLowerCase()] = operation(spec);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Gatehouse API', version: '1' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: '__Host-gh_session' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'requestId'],
              properties: {
                code: { type: 'string', enum: Object.keys(ERROR_CODES) },
                message: { type: 'string' },
                field: { type: 'string' },
                details: { type: 'object' },
                requestId: { type: 'string' },
              },
            },
          },
        },
      },
    },
  };
}

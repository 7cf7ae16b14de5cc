import { z } from 'zod';
import { ERROR_CODES } from '../../../schemas/errors';
import { ROUTE_DOCS } from './route-docs';

const toSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

let built: ReturnType<typeof build> | undefined;

/** The OpenAPI 3.1 document, built once per isolate from the route docs and their schemas. */
export function openApiDocument() {
  built ??= build();
  return built;
}

function build() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, doc] of Object.entries(ROUTE_DOCS)) {
    const [method = 'GET', path = ''] = key.split(' ');
    const openPath = path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [...path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (doc.query) {
      const q = toSchema(doc.query) as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        parameters.push({
          name,
          in: 'query',
          required: q.required?.includes(name) ?? false,
          schema,
        });
      }
    }
    paths[openPath] ??= {};
    (paths[openPath] as Record<string, unknown>)[method.toLowerCase()] = {
      summary: doc.summary,
      ...(doc.permission ? { 'x-permission': doc.permission } : {}),
      ...(doc.public ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(doc.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(doc.body) } },
            },
          }
        : {}),
      responses: {
        '200': { description: 'Success' },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
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

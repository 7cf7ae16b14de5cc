/**
 * Where the development tools answer. They are plain Hono routes, not `defineRoute` specs in
 * the registry: the registry is what the OpenAPI document, the scope matrix and the generated
 * tests walk, and these routes exist only in development builds (`__DEV_TOOLS__`).
 */
export const DEV_OUTBOX_PATH = '/api/v1/dev/outbox';
export const MAILBOX_PAGE_PATH = '/dev/mailbox';

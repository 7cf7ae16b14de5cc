import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { ERROR_CODES, type ErrorCode, type ErrorEnvelope } from '../schemas/errors';
import type { AppEnv } from './env';
import { appShellRoutes } from './features/app-shell/app-shell.routes';
import { auditRoutes } from './features/audit/audit.routes';
import { authRoutes } from './features/auth/auth.routes';
import { companiesRoutes } from './features/companies/companies.routes';
import { devToolsRoutes } from './features/dev-tools/dev-tools.routes';
import { healthRoutes } from './features/health/health.routes';
import { liveRoutes } from './features/live/live.routes';
import { meRoutes } from './features/me/me.routes';
import { openApiRoutes } from './features/openapi/openapi.routes';
import { permissionsRoutes } from './features/permissions/permissions.routes';
import { rolesRoutes } from './features/roles/roles.routes';
import { sessionsRoutes } from './features/sessions/sessions.routes';
import { usersRoutes } from './features/users/users.routes';
import { isDatabaseUnreachable, UNAVAILABLE_RETRY_SECONDS } from './lib/db';
import { ApiError } from './lib/errors';
import { InjectedFault } from './lib/faults';
import { database } from './middleware/database';
import { API_BASE } from './routes/registry';

// Each feature's routes carry their full paths (from their contracts), so all mount at the root.
const api = new Hono<AppEnv>()
  .route('/', healthRoutes)
  .route('/', openApiRoutes)
  .route('/', authRoutes)
  .route('/', meRoutes)
  .route('/', liveRoutes)
  .route('/', companiesRoutes)
  .route('/', usersRoutes)
  .route('/', sessionsRoutes)
  .route('/', rolesRoutes)
  .route('/', permissionsRoutes)
  .route('/', auditRoutes);

function envelope(
  c: { get(key: 'requestId'): string },
  code: ErrorCode,
  message?: string,
  field?: string,
  details?: Record<string, unknown>,
) {
  const body: ErrorEnvelope = {
    error: { code, message: message ?? ERROR_CODES[code].message, requestId: c.get('requestId') },
  };
  if (field) body.error.field = field;
  if (details) body.error.details = details;
  return body;
}

function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'VALIDATION_FAILED';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 405) return 'METHOD_NOT_ALLOWED';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  return 'INTERNAL';
}

export const app = new Hono<AppEnv>()
  .use(requestId())
  .use(secureHeaders())
  .use('/api/*', database)
  // Answers are about one signed-in account: no browser or proxy may keep a copy (a shared
  // phone's next user must not find the last one's data in a cache).
  .use('/api/*', async (c, next) => {
    await next();
    if (c.res.status !== 101 && !c.res.headers.has('cache-control')) {
      c.header('Cache-Control', 'no-store');
    }
  })
  .route(API_BASE, api)
  .route('/', appShellRoutes);

// The development tools (dev outbox API, mailbox page) only in builds made with them: in a
// production build `__DEV_TOOLS__` is `false`, esbuild drops this line and with it their code.
// They stay out of the typed client and the route registry (so out of the OpenAPI document).
if (__DEV_TOOLS__) app.route('/', devToolsRoutes());

app.notFound((c) => c.json(envelope(c, 'NOT_FOUND', 'No such route.'), 404));

app.onError((err, c) => {
  if (err instanceof ApiError) {
    const retry = err.details?.retryAfterSeconds;
    if (typeof retry === 'number') c.header('Retry-After', String(retry));
    return c.json(envelope(c, err.code, err.message, err.field, err.details), err.status as 400);
  }
  if (err instanceof HTTPException) {
    const code: ErrorCode = err.message.includes('Malformed JSON')
      ? 'MALFORMED_JSON'
      : codeForStatus(err.status);
    return c.json(envelope(c, code), ERROR_CODES[code].status as 400);
  }
  if (isDatabaseUnreachable(err)) {
    c.header('Retry-After', String(UNAVAILABLE_RETRY_SECONDS));
    return c.json(
      envelope(c, 'UNAVAILABLE', 'The database does not answer. Try again shortly.'),
      503,
    );
  }
  if (!(err instanceof InjectedFault))
    console.error(
      JSON.stringify({
        requestId: c.get('requestId'),
        error: String(err),
        // drizzle wraps the driver's error: the cause says what the database answered.
        cause: err.cause === undefined ? undefined : String(err.cause),
        stack: err.stack,
      }),
    );
  return c.json(envelope(c, 'INTERNAL'), 500);
});

export type AppType = typeof app;

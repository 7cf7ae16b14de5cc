import { AUDIT_ROUTES } from '../features/audit/audit.contract';
import { AUTH_ROUTES } from '../features/auth/auth.contract';
import { COMPANY_ROUTES } from '../features/companies/companies.contract';
import { HEALTH_ROUTES } from '../features/health/health.contract';
import { LIVE_ROUTES } from '../features/live/live.contract';
import { ME_ROUTES } from '../features/me/me.contract';
import { OPENAPI_ROUTES } from '../features/openapi/openapi.contract';
import { PERMISSION_ROUTES } from '../features/permissions/permissions.contract';
import { ROLE_ROUTES } from '../features/roles/roles.contract';
import { SESSION_ROUTES } from '../features/sessions/sessions.contract';
import { USER_ROUTES } from '../features/users/users.contract';
import type { RouteSpec } from './route';

/** Where the API is mounted; specs hold paths below it. */
export const API_BASE = '/api/v1';

/** Every API route, as declared by its feature: what the docs and generated tests walk. */
export const ROUTES: readonly RouteSpec[] = [
  HEALTH_ROUTES,
  OPENAPI_ROUTES,
  AUTH_ROUTES,
  ME_ROUTES,
  LIVE_ROUTES,
  COMPANY_ROUTES,
  USER_ROUTES,
  SESSION_ROUTES,
  ROLE_ROUTES,
  PERMISSION_ROUTES,
  AUDIT_ROUTES,
].flatMap((group) => Object.values(group) as RouteSpec[]);

/** `METHOD /api/v1/path`, as Hono lists a served route. */
export const routeKey = (spec: Pick<RouteSpec, 'method' | 'path'>) =>
  `${spec.method} ${API_BASE}${spec.path}`;

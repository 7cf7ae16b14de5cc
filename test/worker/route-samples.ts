import { routeKey } from '../../worker/routes/registry';
import type { RouteSpec } from '../../worker/routes/route';
import { asFile, faceImage } from './face-fixtures';

/** The ids a sample request may name: one of each kind, and the session of the target user. */
export interface SampleIds {
  company: string;
  /** Another company, a valid new parent or placement for `company`/`user`. */
  otherCompany: string;
  user: string;
  role: string;
  /** `<userId>.<sessionId>` of a live session of `user`. */
  session: string;
  /** An expiry the caller may set (ISO-8601). */
  date: string;
  /** A company with nothing in it, that a delete can remove (else `company`). */
  emptyCompany?: string;
}

export interface SampleRequest {
  path: string;
  query?: string;
  body?: unknown;
  /** A multipart body (photos, camera frames) instead of JSON. */
  form?: Record<string, string | File | (string | File)[]>;
}

type Sample = (ids: SampleIds) => SampleRequest;

const unique = () => crypto.randomUUID().slice(0, 8);

/**
 * One valid request per API route. A route without a sample fails the generated tests that
 * walk the registry, so no new route escapes them.
 */
export const SAMPLES: Record<string, Sample> = {
  'GET /api/v1/health': () => ({ path: '/health' }),
  'GET /api/v1/openapi.json': () => ({ path: '/openapi.json' }),
  'POST /api/v1/auth/login': () => ({
    path: '/auth/login',
    body: { username: `nobody_${unique()}`, password: 'not-the-password', client: 'app' },
  }),
  'POST /api/v1/auth/logout': () => ({ path: '/auth/logout' }),
  // A well-formed challenge this server did not issue: refused before any hub or database.
  'POST /api/v1/auth/mfa/email': (i) => ({
    path: '/auth/mfa/email',
    body: { challengeId: `${i.user}.${'A'.repeat(22)}.${'A'.repeat(22)}` },
  }),
  'POST /api/v1/auth/mfa/verify': (i) => ({
    path: '/auth/mfa/verify',
    body: { challengeId: `${i.user}.${'A'.repeat(22)}.${'A'.repeat(22)}`, code: '123456' },
  }),
  'POST /api/v1/auth/lock': () => ({ path: '/auth/lock' }),
  'POST /api/v1/auth/unlock/email': () => ({ path: '/auth/unlock/email' }),
  'POST /api/v1/auth/mfa/face/start': (i) => ({
    path: '/auth/mfa/face/start',
    body: { challengeId: `${i.user}.${'A'.repeat(22)}.${'A'.repeat(22)}` },
  }),
  'POST /api/v1/auth/mfa/face': (i) => ({
    path: '/auth/mfa/face',
    form: {
      challengeId: `${i.user}.${'A'.repeat(22)}.${'A'.repeat(22)}`,
      nonce: 'N'.repeat(32),
      frame: [asFile(faceImage('aStraight')), asFile(faceImage('aTurnedLeft'))],
    },
  }),
  'POST /api/v1/auth/unlock/face/start': () => ({ path: '/auth/unlock/face/start' }),
  'POST /api/v1/auth/unlock/face': () => ({
    path: '/auth/unlock/face',
    form: {
      nonce: 'N'.repeat(32),
      frame: [asFile(faceImage('aStraight')), asFile(faceImage('aTurnedLeft'))],
    },
  }),
  'POST /api/v1/me/face': () => ({
    path: '/me/face',
    form: { image: asFile(faceImage('aStraight')), password: 'correct horse battery staple' },
  }),
  'POST /api/v1/auth/unlock': () => ({
    path: '/auth/unlock',
    body: { password: 'correct horse battery staple' },
  }),
  'GET /api/v1/me': () => ({ path: '/me' }),
  'POST /api/v1/me/password': () => ({
    path: '/me/password',
    body: { currentPassword: 'correct horse battery staple', newPassword: 'a-Fresh-passphrase-42' },
  }),
  'POST /api/v1/live/ticket': () => ({ path: '/live/ticket' }),
  'GET /api/v1/live': () => ({ path: '/live' }),
  'GET /api/v1/companies/tree': () => ({ path: '/companies/tree' }),
  'POST /api/v1/companies': (i) => ({
    path: '/companies',
    body: { name: `Sample ${unique()}`, parentId: i.company },
  }),
  'GET /api/v1/companies/:id': (i) => ({ path: `/companies/${i.company}` }),
  'GET /api/v1/companies/:id/children': (i) => ({ path: `/companies/${i.company}/children` }),
  'PATCH /api/v1/companies/:id': (i) => ({
    path: `/companies/${i.company}`,
    body: { name: `Renamed ${unique()}`, parentId: i.otherCompany },
  }),
  'DELETE /api/v1/companies/:id': (i) => ({ path: `/companies/${i.emptyCompany ?? i.company}` }),
  'GET /api/v1/companies/:id/users': (i) => ({ path: `/companies/${i.company}/users` }),
  'POST /api/v1/users': (i) => ({
    path: '/users',
    body: {
      username: `s${unique()}`,
      password: 'initial-Password-1',
      displayName: 'Sample Person',
      companyId: i.company,
      relatedCompanyId: i.company,
      expiresAt: null,
      roleIds: [],
      permissions: [],
    },
  }),
  'GET /api/v1/users/:id': (i) => ({ path: `/users/${i.user}` }),
  'PATCH /api/v1/users/:id': (i) => ({
    path: `/users/${i.user}`,
    body: {
      username: `r${unique()}`,
      password: 'a-Fresh-passphrase-42',
      status: 'disabled',
      displayName: 'Renamed Person',
      email: 'renamed@example.com',
      phone: '+49 30 1234567',
      companyId: i.otherCompany,
      relatedCompanyId: i.otherCompany,
      expiresAt: i.date,
      roleIds: [i.role],
      permissions: ['web.monitor.map'],
    },
  }),
  'DELETE /api/v1/users/:id': (i) => ({ path: `/users/${i.user}` }),
  'GET /api/v1/users/:id/subusers': (i) => ({ path: `/users/${i.user}/subusers` }),
  'PUT /api/v1/users/:id/expiry': (i) => ({
    path: `/users/${i.user}/expiry`,
    body: { expiresAt: i.date, applyToCompany: false },
  }),
  'GET /api/v1/users/:id/sessions': (i) => ({ path: `/users/${i.user}/sessions` }),
  'DELETE /api/v1/users/:id/sessions': (i) => ({ path: `/users/${i.user}/sessions` }),
  'PUT /api/v1/users/:id/token-config': (i) => ({
    path: `/users/${i.user}/token-config`,
    body: { longTerm: false, ttlMinutes: 90, exclusiveLogin: true },
  }),
  'PUT /api/v1/users/:id/mfa': (i) => ({
    path: `/users/${i.user}/mfa`,
    body: { webLogin: 'password', appLogin: 'password', appUnlock: 'password' },
  }),
  'POST /api/v1/users/:id/face': (i) => ({
    path: `/users/${i.user}/face`,
    form: { image: asFile(faceImage('aStraight')) },
  }),
  'DELETE /api/v1/users/:id/face': (i) => ({ path: `/users/${i.user}/face` }),
  'GET /api/v1/users/:id/explain': (i) => ({
    path: `/users/${i.user}/explain`,
    query: '?permission=web.monitor.map',
  }),
  'DELETE /api/v1/sessions/:id': (i) => ({ path: `/sessions/${i.session}` }),
  'GET /api/v1/roles': () => ({ path: '/roles' }),
  'POST /api/v1/roles': (i) => ({
    path: '/roles',
    body: { name: `Role ${unique()}`, companyId: i.company, permissions: [] },
  }),
  'PATCH /api/v1/roles/:id': (i) => ({
    path: `/roles/${i.role}`,
    body: { name: `Renamed ${unique()}`, permissions: ['web.monitor.map'] },
  }),
  'DELETE /api/v1/roles/:id': (i) => ({ path: `/roles/${i.role}`, query: '?force=1' }),
  'GET /api/v1/permissions/catalog': () => ({ path: '/permissions/catalog' }),
  'GET /api/v1/audit': () => ({ path: '/audit' }),
};

/** The sample of a route; throws (failing the test) when the route has none. */
export function sampleFor(spec: RouteSpec, ids: SampleIds): SampleRequest {
  const sample = SAMPLES[routeKey(spec)];
  if (!sample) throw new Error(`no sample request for ${routeKey(spec)}: add one`);
  return sample(ids);
}

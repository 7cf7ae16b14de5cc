import type { RouteKind } from './far-routes';
import { fmtRange, range, summarize } from './stats';

/** What one timed call of a route left behind. */
export interface FarSample {
  ms: number;
  /** The Worker's count (`x-gatehouse-db-trips`). */
  headerTrips: number | null;
  /** Requests the proxy received between sending the call and reading its answer. */
  proxyTrips: number;
  /** Requests the proxy received after the answer, before the next call (background work). */
  lateTrips: number;
  /** Password hash time from Server-Timing, when the route sends it. */
  hashMs: number | null;
}

export type Summary = ReturnType<typeof summarize>;

/** One route at one delay. */
export interface FarRouteResult {
  delayMs: number;
  time: Summary;
  /** Sign-in only: each sample's time less its own password hash time. */
  timeWithoutHash?: Summary;
  hash?: Summary;
  headerTrips: { min: number; max: number } | null;
  proxyTrips: { min: number; max: number } | null;
  lateTrips: { min: number; max: number } | null;
}

export function summarizeRoute(delayMs: number, samples: FarSample[]): FarRouteResult {
  const hashes = samples.flatMap((s) => (s.hashMs === null ? [] : [s.hashMs]));
  const withHash = hashes.length === samples.length && hashes.length > 0;
  return {
    delayMs,
    time: summarize(samples.map((s) => s.ms)),
    ...(withHash
      ? {
          timeWithoutHash: summarize(samples.map((s) => s.ms - (s.hashMs ?? 0))),
          hash: summarize(hashes),
        }
      : {}),
    headerTrips: range(samples.flatMap((s) => (s.headerTrips === null ? [] : [s.headerTrips]))),
    proxyTrips: range(samples.map((s) => s.proxyTrips)),
    lateTrips: range(samples.map((s) => s.lateTrips)),
  };
}

/**
 * p95 goals at the added delay: a read in one round trip plus 20 ms, a write or sign-in in two
 * plus 30 ms (hash aside). At 40 ms: reads ≤ 60 ms, writes and sign-in ≤ 110 ms.
 */
export function p95Target(kind: RouteKind, delayMs: number): number {
  return kind === 'read' ? delayMs + 20 : 2 * delayMs + 30;
}

export interface FarRow {
  label: string;
  kind: RouteKind;
  near: FarRouteResult;
  far: FarRouteResult;
  /** The p95 held to the target: without the password hash where there is one. */
  judgedP95: number;
  judgedOn: 'time' | 'time without hash (Server-Timing)' | 'time less sign-in hash median (est.)';
  targetP95: number;
  met: boolean;
  /** Why the proxy's count and the Worker's header disagree, when they do. */
  tripsMismatch?: string;
}

function mismatch(r: FarRouteResult): string | undefined {
  const same = (a: typeof r.headerTrips, b: typeof r.headerTrips) =>
    a?.min === b?.min && a?.max === b?.max;
  const notes: string[] = [];
  if (!same(r.headerTrips, r.proxyTrips)) {
    notes.push(`header ${fmtRange(r.headerTrips)} vs proxy ${fmtRange(r.proxyTrips)}`);
  }
  if ((r.lateTrips?.max ?? 0) > 0) notes.push(`${fmtRange(r.lateTrips)} after the answer`);
  return notes.length ? notes.join('; ') : undefined;
}

export function farRow(
  label: string,
  kind: RouteKind,
  near: FarRouteResult,
  far: FarRouteResult,
  estimatedHashMs?: number,
): FarRow {
  const targetP95 = p95Target(kind, far.delayMs);
  const [judgedP95, judgedOn]: [number, FarRow['judgedOn']] = far.timeWithoutHash
    ? [far.timeWithoutHash.p95, 'time without hash (Server-Timing)']
    : estimatedHashMs !== undefined
      ? [far.time.p95 - estimatedHashMs, 'time less sign-in hash median (est.)']
      : [far.time.p95, 'time'];
  const tripsMismatch = mismatch(far) ?? mismatch(near);
  return {
    label,
    kind,
    near,
    far,
    judgedP95,
    judgedOn,
    targetP95,
    met: judgedP95 <= targetP95,
    ...(tripsMismatch ? { tripsMismatch } : {}),
  };
}

const ms = (x: number) => x.toFixed(1);

/** The table the bench prints: trips, both delays, hash, goal. */
export function renderTable(rows: FarRow[], delayMs: number): string {
  const head = [
    'route',
    'trips',
    'proxy',
    '0ms med',
    '0ms p95',
    `${delayMs}ms med`,
    `${delayMs}ms p95`,
    'hash med',
    'judged p95',
    'goal p95',
    '',
  ];
  const lines = rows.map((r) => [
    r.label,
    fmtRange(r.far.headerTrips),
    fmtRange(r.far.proxyTrips) + ((r.far.lateTrips?.max ?? 0) > 0 ? '+late' : ''),
    ms(r.near.time.median),
    ms(r.near.time.p95),
    ms(r.far.time.median),
    ms(r.far.time.p95),
    r.far.hash ? ms(r.far.hash.median) : '',
    ms(r.judgedP95) + (r.judgedOn === 'time' ? '' : r.judgedOn.includes('est.') ? '~' : '*'),
    `≤ ${r.targetP95}`,
    r.met ? 'met' : 'MISSED',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmtLine = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [fmtLine(head), fmtLine(widths.map((w) => '-'.repeat(w))), ...lines.map(fmtLine)].join(
    '\n',
  );
}

// A thin wrapper around autocannon: one route, fixed connections and duration, and only the
// numbers the report needs — including the failures, so a fast run of error pages can never
// pass for a fast route.
import autocannon from "autocannon";

export interface LoadOptions {
  /** Origin of the worker, e.g. http://127.0.0.1:8788 (loopback only). */
  url: string;
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Called for every request to produce its body (e.g. a different account each time). */
  body?: () => string;
  duration: number;
  connections: number;
}

export interface LoadResult {
  /** Mean responses per second over the run (all statuses — check non2xx/errors beside it). */
  rps: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  const makeBody = o.body;
  const request = {
    method: o.method ?? "GET",
    path: o.path,
    headers: o.headers ?? {},
    // setupRequest runs before each request, so every request can carry a new body;
    // autocannon recomputes Content-Length from it.
    ...(makeBody ? { setupRequest: (req: Record<string, unknown>) => ({ ...req, body: makeBody() }) } : {}),
  };
  const r = await autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.duration,
    // A request that takes longer than this counts as a timeout (an error), not as a slow success.
    timeout: 30,
    requests: [request],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries((r.statusCodeStats ?? {}) as Record<string, { count: number | string }>)) statusCodes[code] = Number(stat.count);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}

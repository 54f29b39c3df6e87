// A thin wrapper around autocannon: one route, fixed connections and duration, and only the
// numbers the report needs — including the failures, so a fast run of error pages can never
// pass for a fast route.
import autocannon from "autocannon";

export interface LoadOptions {
  /** Origin of the worker, e.g. http://127.0.0.1:8788 (loopback only). */
  url: string;
  path: string;
  method?: "GET" | "POST" | "PUT" | "DELETE";
  headers?: Record<string, string>;
  /** Called for every request to produce its body (e.g. a different account each time). */
  body?: () => string;
  /** Called for every request to vary it (another path, another session's cookie); merged over path and headers. */
  vary?: () => { path?: string; headers?: Record<string, string> };
  duration: number;
  connections: number;
}

export interface LoadResult {
  /** Responses per second (all statuses — check non2xx/errors beside it), see `span`. */
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
  /** Every response's latency in ms, so that several runs can be merged into exact percentiles. */
  latencies: number[];
  /** How long the run lasted, in seconds. */
  seconds: number;
  /**
   * Seconds from the first response to the last. Requests per second are counted over this span,
   * not over the whole run: a run ends with `connections` requests in flight that autocannon
   * drops, which for a slow route (sign-in: ~1 s under load) would understate its throughput by
   * connections × latency / duration — a third for 2-second rounds.
   */
  span: number;
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  const makeBody = o.body;
  const vary = o.vary;
  const headers = o.headers ?? {};
  const request = {
    method: o.method ?? "GET",
    path: o.path,
    headers,
    // setupRequest runs before each request, so every request can carry a new body (autocannon
    // recomputes Content-Length from it), a new path or new headers.
    ...(makeBody || vary
      ? {
          setupRequest: (req: autocannon.Request) => {
            const v = vary?.() ?? {};
            return { ...req, ...(makeBody ? { body: makeBody() } : {}), path: v.path ?? req.path, headers: { ...headers, ...v.headers } };
          },
        }
      : {}),
  };
  const latencies: number[] = [];
  let first = 0;
  let last = 0;
  // Without a callback autocannon returns an instance that is both an event emitter and a promise.
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.duration,
    // A request that takes longer than this counts as a timeout (an error), not as a slow success.
    timeout: 30,
    requests: [request],
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => {
    last = performance.now();
    if (!latencies.length) first = last;
    latencies.push(ms);
  });
  const r = await instance;
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries((r.statusCodeStats ?? {}) as Record<string, { count: number | string }>)) statusCodes[code] = Number(stat.count);
  const span = (last - first) / 1000;
  return {
    rps: rateOf(latencies.length, span, r.duration),
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    latencies,
    seconds: r.duration,
    span,
  };
}

/** n responses arrived over `span` seconds: n − 1 intervals. With too few responses for a span, fall back to the run's length. */
const rateOf = (n: number, span: number, seconds: number) => (n >= 2 && span > 0 ? (n - 1) / span : seconds ? n / seconds : 0);

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);

export interface Combined extends Omit<LoadResult, "latencies" | "seconds" | "span"> {
  /** Requests per second of the slowest and the fastest run: the spread shows how steady the machine was. */
  min: number;
  max: number;
  runs: number;
}

/** Merges several runs of one route: requests/s over the total time, percentiles over all responses. */
export function combine(runs: LoadResult[]): Combined {
  const all = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const sum = (f: (r: LoadResult) => number) => runs.reduce((a, r) => a + f(r), 0);
  const statusCodes: Record<string, number> = {};
  for (const r of runs) for (const [c, n] of Object.entries(r.statusCodes)) statusCodes[c] = (statusCodes[c] ?? 0) + n;
  // Intervals over spans, summed over the runs (each run's first response opens its span).
  const spanned = runs.filter((r) => r.latencies.length >= 2 && r.span > 0);
  const others = runs.filter((r) => !spanned.includes(r));
  const time = sum((r) => (spanned.includes(r) ? r.span : r.seconds));
  const count = spanned.reduce((a, r) => a + r.latencies.length - 1, 0) + others.reduce((a, r) => a + r.latencies.length, 0);
  return {
    rps: time ? count / time : 0,
    // Whole milliseconds, like autocannon's own histogram.
    p50: Math.round(percentile(all, 50)),
    p99: Math.round(percentile(all, 99)),
    total: sum((r) => r.total),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    statusCodes,
    min: Math.min(...runs.map((r) => r.rps)),
    max: Math.max(...runs.map((r) => r.rps)),
    runs: runs.length,
  };
}

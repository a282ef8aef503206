// The HTTP harness shared by the fake ChartMogul, Pipeliner and Exact Sales
// servers: a node:http server on 127.0.0.1 plus what every fake needs to test a
// client's resilience — a request rate limit (429), a concurrency cap (503),
// one-shot and random faults, dropped connections, latency, and a log of every
// request. Each fake supplies only its routes and its own error body.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock, type Clock } from "@/lib/net/clock";
import { createSeededRandom, type SeededRandom } from "./seeded-random";

export type FakeRequest = {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The raw body; each fake parses it so that it can answer bad JSON in its own words. */
  body: string;
};

export type FakeResponse = {
  status: number;
  /** Serialised as JSON; omitted for bodiless answers such as 204. */
  body?: unknown;
  headers?: Record<string, string>;
};

export type RecordedRequest = {
  method: string;
  path: string;
  search: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** When it arrived, on the server's clock. */
  at: number;
  /** The status sent, or "dropped" when the connection was destroyed instead. */
  status: number | "dropped";
};

export type RateLimit = {
  requests: number;
  windowMs: number;
  /** Send `Retry-After` (whole seconds until a slot frees) with each 429. */
  retryAfter?: boolean;
};

export type RandomFaults = {
  /** Fraction of requests answered 500 before they reach the API. */
  serverErrorRate?: number;
  /** Fraction of requests whose effect is applied but whose connection is then dropped. */
  dropAfterHandlingRate?: number;
  seed?: number;
};

export type FakeApi = {
  handle(request: FakeRequest): FakeResponse | Promise<FakeResponse>;
  /** The API's own error body for a status the harness produces (429, 503, injected faults). */
  errorBody(status: number): unknown;
  /** Which budget a request draws from (per account, per token); one shared budget when absent. */
  rateLimitKey?(request: FakeRequest): string;
};

export type FakeServerOptions = {
  /** 0 or absent: a free port. */
  port?: number;
  rateLimit?: RateLimit | null;
  maxConcurrentRequests?: number | null;
  /** Time for the rate-limit window and the latency: a test passes a fake one instead of sleeping. */
  clock?: Clock;
};

export type FakeServerControls = {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  setRateLimit(limit: RateLimit | null): void;
  setMaxConcurrentRequests(limit: number | null): void;
  /** The next `count` requests get `status` (with the API's error body unless `body` is given). */
  failNext(count: number, status: number, body?: unknown, headers?: Record<string, string>): void;
  /**
   * The next `count` requests lose their connection; with `afterHandling` the
   * request takes effect first (the "write applied, response lost" case).
   */
  dropNext(count: number, options?: { afterHandling?: boolean }): void;
  /** Delay before each request is handled; a client that gives up early still has its write applied. */
  setLatency(ms: number): void;
  setRandomFaults(faults: RandomFaults | null): void;
  stop(): Promise<void>;
};

type QueuedFault =
  | { kind: "fail"; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: "drop"; afterHandling: boolean };

type ActiveRandomFaults = { serverErrorRate: number; dropAfterHandlingRate: number; random: SeededRandom };

export async function startFakeHttpServer(api: FakeApi, options: FakeServerOptions = {}): Promise<FakeServerControls> {
  let rateLimit = options.rateLimit ?? null;
  let maxConcurrentRequests = options.maxConcurrentRequests ?? null;
  const clock = options.clock ?? systemClock;
  let latencyMs = 0;
  let randomFaults: ActiveRandomFaults | null = null;
  const queuedFaults: QueuedFault[] = [];
  // Sliding-window log per budget: at most `requests` accepted in any `windowMs`.
  const acceptedAt = new Map<string, number[]>();
  const requests: RecordedRequest[] = [];
  let inFlight = 0;

  /** Seconds until the budget has room, or null when the request may pass (and is counted). */
  function takeRateLimitSlot(key: string): number | null {
    if (!rateLimit) return null;
    const now = clock.now();
    const log = (acceptedAt.get(key) ?? []).filter((at) => at > now - rateLimit!.windowMs);
    acceptedAt.set(key, log);
    if (log.length >= rateLimit.requests) return Math.max(1, Math.ceil((log[0] + rateLimit.windowMs - now) / 1000));
    log.push(now);
    return null;
  }

  async function respond(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const request: FakeRequest = { method: req.method ?? "GET", url: new URL(req.url ?? "/", "http://127.0.0.1"), headers: req.headers, body };
    const record: RecordedRequest = {
      method: request.method,
      path: request.url.pathname,
      search: request.url.search,
      headers: req.headers,
      body,
      at: clock.now(),
      status: "dropped",
    };
    requests.push(record);

    const send = (response: FakeResponse) => {
      record.status = response.status;
      const headers: Record<string, string> = { ...response.headers };
      if (response.body === undefined) {
        res.writeHead(response.status, headers).end();
        return;
      }
      const payload = JSON.stringify(response.body);
      headers["content-type"] ??= "application/json; charset=utf-8";
      res.writeHead(response.status, headers).end(payload);
    };
    const drop = () => req.socket.destroy();

    if (maxConcurrentRequests !== null && inFlight > maxConcurrentRequests) return send({ status: 503, body: api.errorBody(503) });

    let dropAfterHandling = false;
    const fault = queuedFaults.shift();
    if (fault?.kind === "fail") return send({ status: fault.status, body: fault.body ?? api.errorBody(fault.status), headers: fault.headers });
    if (fault?.kind === "drop") {
      if (!fault.afterHandling) return drop();
      dropAfterHandling = true;
    }
    if (randomFaults) {
      if (randomFaults.random.chance(randomFaults.serverErrorRate)) return send({ status: 500, body: api.errorBody(500) });
      if (randomFaults.random.chance(randomFaults.dropAfterHandlingRate)) dropAfterHandling = true;
    }

    const retryAfterSeconds = takeRateLimitSlot(api.rateLimitKey?.(request) ?? "");
    if (retryAfterSeconds !== null) {
      return send({
        status: 429,
        body: api.errorBody(429),
        headers: rateLimit?.retryAfter ? { "retry-after": String(retryAfterSeconds) } : undefined,
      });
    }

    if (latencyMs > 0) await clock.sleep(latencyMs);
    let response: FakeResponse;
    try {
      response = await api.handle(request);
    } catch {
      response = { status: 500, body: api.errorBody(500) };
    }
    if (dropAfterHandling) return drop();
    send(response);
  }

  const server = http.createServer((req, res) => {
    inFlight++;
    res.on("close", () => inFlight--);
    respond(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setRateLimit(limit) {
      rateLimit = limit;
      acceptedAt.clear();
    },
    setMaxConcurrentRequests(limit) {
      maxConcurrentRequests = limit;
    },
    failNext(count, status, body, headers) {
      for (let i = 0; i < count; i++) queuedFaults.push({ kind: "fail", status, body, headers });
    },
    dropNext(count, dropOptions) {
      for (let i = 0; i < count; i++) queuedFaults.push({ kind: "drop", afterHandling: dropOptions?.afterHandling ?? false });
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    setRandomFaults(faults) {
      randomFaults = faults && {
        serverErrorRate: faults.serverErrorRate ?? 0,
        dropAfterHandlingRate: faults.dropAfterHandlingRate ?? 0,
        random: createSeededRandom(faults.seed ?? 1),
      };
    },
    // Idempotent, so a test may stop a server early and still have afterEach stop it.
    stop: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The credentials of an `Authorization: Basic …` header, or null when absent or malformed. */
export function basicCredentials(headers: IncomingHttpHeaders): { username: string; password: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** A cursor token that is opaque to clients, like the real APIs' base64 cursors. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64");
}

export function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64").toString("utf8"));
  } catch {
    return undefined;
  }
}

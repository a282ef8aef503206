// Time-dependent behaviour (the rate-limit window, latency) runs on a fake clock or a
// latency the test releases itself: no test here sleeps.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Clock } from "@/lib/net/clock";
import { createFakeClock } from "@/lib/test/fake-clock";
import { basicCredentials, decodeCursor, encodeCursor, startFakeHttpServer, type FakeServerControls } from "./fake-http-server";

let server: FakeServerControls;
let handled: string[];

async function start(options: Parameters<typeof startFakeHttpServer>[1] = {}) {
  handled = [];
  server = await startFakeHttpServer(
    {
      handle: (request) => {
        handled.push(`${request.method} ${request.url.pathname}`);
        return { status: 200, body: { echo: request.body } };
      },
      errorBody: (status) => ({ problem: status }),
      rateLimitKey: (request) => String(request.headers["x-account"] ?? ""),
    },
    options,
  );
}

afterEach(async () => {
  await server?.stop();
});

/** A clock whose sleeps (the server's latency) last until the test calls `release()`. */
function heldLatency(): Clock & { release(): void } {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  return { now: () => 0, sleep: () => released, release: () => release() };
}

/** Resolves once the server has received `count` requests. */
const received = (count: number) => vi.waitFor(() => expect(server.requests).toHaveLength(count));

describe("fake HTTP harness", () => {
  it("listens on 127.0.0.1, hands the raw body to the API and logs every request", async () => {
    await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const res = await fetch(`${server.url}/things?x=1`, { method: "POST", body: '{"a":1}' });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ echo: '{"a":1}' });
    expect(server.requests).toMatchObject([{ method: "POST", path: "/things", search: "?x=1", body: '{"a":1}', status: 200 }]);
  });

  it("listens on a given port", async () => {
    await start();
    const port = server.port;
    await server.stop();
    await start({ port });
    expect(server.port).toBe(port);
  });

  it("failNext answers the next requests with the status and the API's error body, then recovers", async () => {
    await start();
    server.failNext(2, 503);
    server.failNext(1, 502, { custom: true }, { "x-fault": "yes" });
    const first = await fetch(server.url);
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ problem: 503 });
    expect((await fetch(server.url)).status).toBe(503);
    const third = await fetch(server.url);
    expect(third.status).toBe(502);
    expect(third.headers.get("x-fault")).toBe("yes");
    expect(await third.json()).toEqual({ custom: true });
    expect((await fetch(server.url)).status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it("dropNext loses the connection before or after the request takes effect", async () => {
    await start();
    server.dropNext(1);
    await expect(fetch(`${server.url}/before`, { method: "POST" })).rejects.toThrow();
    expect(handled).toEqual([]);
    server.dropNext(1, { afterHandling: true });
    await expect(fetch(`${server.url}/after`, { method: "POST" })).rejects.toThrow();
    expect(handled).toEqual(["POST /after"]);
    expect(server.requests.map((r) => r.status)).toEqual(["dropped", "dropped"]);
    expect((await fetch(server.url)).status).toBe(200);
  });

  it("enforces a sliding-window rate limit per budget key, with Retry-After only when configured", async () => {
    const clock = createFakeClock();
    await start({ rateLimit: { requests: 2, windowMs: 300 }, clock });
    const get = (account: string) => fetch(server.url, { headers: { "x-account": account } });
    expect((await get("a")).status).toBe(200);
    expect((await get("a")).status).toBe(200);
    const limited = await get("a");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(await limited.json()).toEqual({ problem: 429 });
    // Another account has its own budget.
    expect((await get("b")).status).toBe(200);
    clock.advance(299);
    expect((await get("a")).status).toBe(429); // the window still holds both
    clock.advance(1);
    expect((await get("a")).status).toBe(200);

    server.setRateLimit({ requests: 1, windowMs: 5_000, retryAfter: true });
    expect((await get("a")).status).toBe(200);
    const withHeader = await get("a");
    expect(withHeader.status).toBe(429);
    expect(Number(withHeader.headers.get("retry-after"))).toBe(5);

    server.setRateLimit(null);
    expect((await get("a")).status).toBe(200);
  });

  it("answers 503 beyond the concurrency cap", async () => {
    const clock = heldLatency();
    await start({ maxConcurrentRequests: 2, clock });
    server.setLatency(1); // every request waits in the server until released
    const first = fetch(server.url);
    await received(1);
    const second = fetch(server.url);
    await received(2);
    const overCap = [];
    for (let i = 0; i < 3; i++) overCap.push((await fetch(server.url)).status);
    expect(overCap).toEqual([503, 503, 503]);
    clock.release();
    expect([(await first).status, (await second).status]).toEqual([200, 200]);
  });

  it("applies a slow request's effect even when the client gives up", async () => {
    const clock = heldLatency();
    await start({ clock });
    server.setLatency(1);
    const gaveUp = new AbortController();
    const request = fetch(`${server.url}/slow`, { method: "POST", signal: gaveUp.signal });
    await received(1);
    gaveUp.abort();
    await expect(request).rejects.toThrow();
    expect(handled).toEqual([]);
    clock.release();
    await vi.waitFor(() => expect(handled).toEqual(["POST /slow"]));
  });

  it("draws random faults from a seed, so a run is reproducible", async () => {
    const statuses = async () => {
      await start();
      server.setRandomFaults({ serverErrorRate: 0.3, dropAfterHandlingRate: 0.2, seed: 42 });
      const out: (number | string)[] = [];
      for (let i = 0; i < 30; i++) out.push(await fetch(server.url).then((res) => res.status, () => "dropped"));
      await server.stop();
      return out;
    };
    const first = await statuses();
    expect(first).toContain(500);
    expect(first).toContain("dropped");
    expect(first).toContain(200);
    expect(await statuses()).toEqual(first);
  });
});

describe("basicCredentials and cursors", () => {
  it("decodes a Basic header, keeping colons inside the password", () => {
    const header = `Basic ${Buffer.from("user:pa:ss").toString("base64")}`;
    expect(basicCredentials({ authorization: header })).toEqual({ username: "user", password: "pa:ss" });
    expect(basicCredentials({ authorization: "Bearer x" })).toBeNull();
    expect(basicCredentials({})).toBeNull();
  });

  it("round-trips a cursor and rejects garbage", () => {
    expect(decodeCursor(encodeCursor({ after: 3 }))).toEqual({ after: 3 });
    expect(decodeCursor("%%%")).toBeUndefined();
  });
});

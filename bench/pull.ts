// bench/pull: an Exact Sales full pull through the reader (API → canonical rows, no
// database) against the sandbox. Phase 1: 100,000 leads with every rate limit off —
// leads per second. Phase 2: the sandbox's 30 requests / 20 s limit on and the client's
// limiter on — the fraction of the allowed request rate used, and how many 429s.
//   npx tsx bench/pull.ts [leads] [rate-limited seconds]
import { ExactSalesClient, EXACT_SALES_RATE_LIMIT } from "@/lib/sources/exact-sales/exact-sales-client";
import { ExactSalesReader } from "@/lib/sources/exact-sales/read-exact-sales";
import { EXACT_SALES_RATE_LIMIT as SANDBOX_LIMIT, startExactSalesServer } from "@/sandbox/exact-sales";

const leadCount = Number(process.argv[2] ?? 100_000);
const limitedSeconds = Number(process.argv[3] ?? 60);
const context = { signal: new AbortController().signal, previousFiles: [], force: false, exponentOf: () => 2 };

function readerFor(baseUrl: string, client: ExactSalesClient) {
  return new ExactSalesReader({ createClient: () => client, sourceId: "bench", baseUrl, mode: "full", savepoint: null, window: null, money: { currency: "BRL" } });
}

const server = await startExactSalesServer({ leadCount, rateLimit: null });
const fast = new ExactSalesClient({ baseUrl: server.baseUrl, token: server.token, rateLimit: null });
let deals = 0;
let started = performance.now();
for await (const event of readerFor(server.baseUrl, fast).read(context)) if (event.type === "deals") deals += event.records.length;
const seconds = (performance.now() - started) / 1000;
console.log(`unlimited: ${deals} leads → deals in ${seconds.toFixed(1)} s = ${Math.round(deals / seconds)} leads/s, ${fast.stats.requests} requests`);

// Rate-limited: as many requests as the budget allows for `limitedSeconds`.
server.setRateLimit(SANDBOX_LIMIT);
const limited = new ExactSalesClient({ baseUrl: server.baseUrl, token: server.token, rateLimit: EXACT_SALES_RATE_LIMIT, maxAttempts: 1 });
const requestsBefore = server.requests.length;
started = performance.now();
const deadline = started + limitedSeconds * 1000;
outer: for (;;) {
  for await (const page of limited.listAll("Leads")) {
    void page;
    if (performance.now() > deadline) break outer;
  }
}
const elapsed = (performance.now() - started) / 1000;
const sent = server.requests.slice(requestsBefore);
const throttled = sent.filter((request) => request.status === 429).length;
const allowed = (SANDBOX_LIMIT.requests * elapsed * 1000) / SANDBOX_LIMIT.windowMs;
// The first window's burst is free; the steady-state rate is what the goal is about.
const steady = ((sent.length - SANDBOX_LIMIT.requests) / (elapsed - SANDBOX_LIMIT.windowMs / 1000)) * (SANDBOX_LIMIT.windowMs / 1000) / SANDBOX_LIMIT.requests;
console.log(
  `rate-limited: ${sent.length} requests in ${elapsed.toFixed(1)} s (${(sent.length / allowed * 100).toFixed(1)}% of ${allowed.toFixed(1)} allowed; steady state ${(steady * 100).toFixed(1)}%), ${throttled} × 429`,
);
await server.stop();

// V8 flags of every `dealport` process (import, worker, push-worker…), set before anything
// compiles WebAssembly. Imported first by dealport.mjs, and by bench/import-child.ts so the
// bench measures the process the CLI runs.
import v8 from "node:v8";

// Prisma's query compiler is a 3.4 MB WebAssembly module. V8 compiles it with Liftoff, then
// recompiles hot functions with TurboFan in the background: 40–60 MB more RSS once a few hundred
// queries ran. Liftoff alone: 200 findFirst took as long, 200 deal list queries ~2 ms more each
// (loaded 2-core machine); CLI processes spend their time in PostgreSQL and I/O. The app
// (Next.js) keeps V8's defaults: its browse queries are the hot path there.
v8.setFlagsFromString("--liftoff-only");

// V8 lets the old generation grow to up to 4× what survived the last full collection before the
// next one. An import's batches that outlive two scavenges are promoted and then are garbage, so
// a long import's heap grew to that ceiling (1M rows: heap 178 MB, RSS 341 MB, against 67 and
// 228 MB at 200k). A fixed factor of 1.5 collects sooner: the heap follows what is live.
v8.setFlagsFromString("--heap-growing-percent=50");


// The worker that starts with the app (instrumentation.ts): one per server process,
// restarted after an unexpected error. `dealport worker` runs the same loop on its own.
import "server-only";
import { runSyncWorker } from "./run-sync-worker";

const globalForWorker = globalThis as unknown as { dealportSyncWorker?: AbortController };

export function startBackgroundSyncWorker() {
  if (globalForWorker.dealportSyncWorker) return;
  const controller = new AbortController();
  globalForWorker.dealportSyncWorker = controller;
  const loop = async () => {
    while (!controller.signal.aborted) {
      try {
        await runSyncWorker({ signal: controller.signal });
      } catch (err) {
        console.error("[dealport] push worker stopped, restarting in 5 s:", err instanceof Error ? err.message : err);
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
    }
  };
  void loop();
}

import { startDueImports, startImportScheduler } from "@/lib/imports/import-scheduler";
import type { CliCommand } from "./types";

export const workerCommand: CliCommand = {
  name: "worker",
  usage: "worker",
  summary: "run scheduled imports (sources with a schedule) until Ctrl-C",
  async run(_args, out) {
    out.progress("[worker] running scheduled imports; Ctrl-C to stop");
    await startDueImports(new Date(), out.progress);
    const scheduler = startImportScheduler(out.progress);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
      // The scheduler's timer does not keep the process alive on its own.
      setInterval(() => {}, 1 << 30);
    });
    scheduler.stop();
    out.result("Worker stopped", { stopped: true });
  },
};

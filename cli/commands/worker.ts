import os from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { startDueImports, startImportScheduler } from "@/lib/imports/import-scheduler";
import type { CliCommand } from "./types";

const flagsSchema = z.object({
  "tick-seconds": z.coerce.number({ error: "--tick-seconds: a number of seconds" }).min(0.1, "--tick-seconds: at least 0.1").max(3600, "--tick-seconds: at most 3600").default(60),
});

export const workerCommand: CliCommand = {
  name: "worker",
  usage: "worker [--tick-seconds 60]",
  summary: "run scheduled imports (sources with a schedule) until Ctrl-C; several may run against one database",
  async run(args, out) {
    const { values } = parseArgs({ args, options: { "tick-seconds": { type: "string" } } });
    const flags = flagsSchema.parse(values);
    out.progress(`[worker] ${os.hostname()}:${process.pid} running scheduled imports (checking every ${flags["tick-seconds"]} s); Ctrl-C to stop`);
    await startDueImports(new Date(), out.progress);
    const scheduler = startImportScheduler(out.progress, flags["tick-seconds"] * 1000);
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

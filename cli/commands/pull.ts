import { parseArgs } from "node:util";
import { findCredentialId } from "@/lib/credentials/find-credential";
import { AppError } from "@/lib/errors";
import { listRunProblems } from "@/lib/imports/list-run-problems";
import { pullExactSales } from "@/lib/sources/exact-sales/pull-exact-sales";
import { saveExactSalesSource } from "@/lib/sources/exact-sales/save-exact-sales-source";
import type { CliCommand } from "./types";

const PULL_USAGE = "usage: dealport pull <source-id|name>";

export const pullCommand: CliCommand = {
  name: "pull",
  usage: "pull <source>",
  summary: "pull an Exact Sales source now (full or incremental, as configured) and wait for it",
  async run(args, out) {
    const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
    if (!positionals[0]) throw new AppError("bad_request", PULL_USAGE);
    let lastLine = 0;
    const started = await pullExactSales({
      source: positionals[0],
      trigger: "cli",
      actor: null,
      onProgress: (p) => {
        if (p.phase !== "done" && Date.now() - lastLine < 1000) return;
        lastLine = Date.now();
        const read = p.file ? ` ${p.file} ${p.bytesRead}${p.totalBytes ? ` of ${p.totalBytes}` : ""} records` : "";
        out.progress(`[pull] ${p.phase}:${read}, ${p.rowsProcessed} rows, ${p.rowsPerSecond} rows/s`);
      },
    });
    out.progress(`[pull] run ${started.runId} of "${started.sourceName}"`);
    const outcome = await started.done;
    const { problems, total } = await listRunProblems(outcome.runId, { limit: 1000 });
    const c = outcome.counts;
    const window = outcome.window ? ` window ${outcome.window.from.toISOString()} … ${outcome.window.to.toISOString()};` : "";
    const human = [
      `Pull ${outcome.status} (run ${outcome.runId}, ${outcome.mode ?? "?"};${window} ${outcome.requests} requests): ${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.removed} removed, ${c.rejected} rejected`,
      `  savepoint ${outcome.savepoint.before?.toISOString() ?? "none"} → ${outcome.savepoint.after?.toISOString() ?? "none"}`,
      ...problems.filter((p) => p.severity !== "info").slice(0, 20).map((p) => `  ${p.severity} ${p.file}${p.line ? ` #${p.line}` : ""}${p.column ? ` [${p.column}]` : ""} ${p.message}`),
      ...(total > 20 ? [`  … ${total} problems in all (dealport pull --json, or the run page)`] : []),
      ...(outcome.error ? [`error: ${outcome.error}`] : []),
    ].join("\n");
    out.result(human, { ...outcome, problems, problemsTotal: total });
    if (outcome.status === "failed" || outcome.status === "cancelled") throw new AppError("bad_request", outcome.error ?? `Pull ${outcome.status}`);
  },
};

const SOURCE_USAGE = `usage:
  dealport exact-sales add --name N --credential C [--base-url URL] [--mode full|incremental]
                          [--savepoint DATE] [--past-days N] [--future-days N] [--currency BRL]
                          [--amount-field _valorestimado] [--amount-currency BRL] [--schedule MINUTES] [--id ID]`;

export const exactSalesCommand: CliCommand = {
  name: "exact-sales",
  usage: "exact-sales add …",
  summary: "add or update an Exact Sales source (the token comes from an exact_sales credential)",
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub !== "add") throw new AppError("bad_request", SOURCE_USAGE);
    const { values } = parseArgs({
      args: rest,
      options: Object.fromEntries(
        ["id", "name", "credential", "base-url", "mode", "savepoint", "past-days", "future-days", "currency", "amount-field", "amount-currency", "schedule"].map((k) => [k, { type: "string" as const }]),
      ),
      strict: true,
    });
    if (!values.credential) throw new AppError("bad_request", `--credential is required\n${SOURCE_USAGE}`);
    const { source, created } = await saveExactSalesSource(
      {
        id: values.id,
        name: values.name!,
        credentialId: await findCredentialId(values.credential),
        scheduleMinutes: values.schedule,
        savepoint: values.savepoint,
        config: {
          baseUrl: values["base-url"],
          mode: values.mode as "full" | "incremental" | undefined,
          pastWindowDays: values["past-days"],
          futureWindowDays: values["future-days"],
          currency: values.currency,
          amountCustomField: values["amount-field"],
          amountCurrency: values["amount-currency"],
        },
      },
      null,
    );
    out.result(`${created ? "Added" : "Updated"} Exact Sales source "${source.name}" ${source.id}`, { source, created });
  },
};

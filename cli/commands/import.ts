import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { listImportRuns, type ImportRunView } from "@/lib/imports/list-import-runs";
import { describeProblemsNotStored } from "@/lib/imports/import-problem-writer";
import { listRunProblems } from "@/lib/imports/list-run-problems";
import { startImport } from "@/lib/imports/start-import";
import { ensureUrlSource, isSourceUrl } from "@/lib/sources/ensure-url-source";
import { findSource } from "@/lib/sources/list-sources";
import { IMPORT_FORMATS, type ImportFormat } from "@/lib/sources/schemas";
import { IMPORT_REVIEW_USAGE, IMPORT_REVIEW_VERBS, runImportReview } from "./import-review";
import type { CliCommand } from "./types";

const USAGE = `usage:
  dealport import <source-id|name|url> [--force] [--format ${IMPORT_FORMATS.join("|")}]
      url: s3://bucket/prefix (with --credential C [--endpoint URL] [--region R]) or file:///folder
  dealport imports [--source S] [--held] [--limit N]
${IMPORT_REVIEW_USAGE}`;

export const importCommand: CliCommand = {
  name: "import",
  usage: "import <source|url> [--force] …",
  summary: "run an import now and wait for it (counts and problems with --json; progress on stderr)",
  async run(args, out) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        force: { type: "boolean" },
        format: { type: "string" },
        credential: { type: "string" },
        endpoint: { type: "string" },
        region: { type: "string" },
        "date-order": { type: "string" },
      },
      allowPositionals: true,
      strict: true,
    });
    const target = positionals[0];
    if (!target) throw new AppError("bad_request", USAGE);
    const format = (values.format ?? "jointflows") as ImportFormat;
    if (!IMPORT_FORMATS.includes(format)) throw new AppError("bad_request", `--format must be one of ${IMPORT_FORMATS.join(", ")}`);
    const source = isSourceUrl(target)
      ? await ensureUrlSource(target, {
          format,
          credential: values.credential,
          endpoint: values.endpoint,
          region: values.region,
          parse: values["date-order"] ? { dateOrder: values["date-order"] as "day-first" | "month-first" } : {},
        })
      : (await findSource(target)).id;

    let lastLine = 0;
    const started = await startImport({
      source,
      trigger: "cli",
      actor: null,
      force: values.force,
      onProgress: (p) => {
        if (p.phase !== "done" && Date.now() - lastLine < 1000) return;
        lastLine = Date.now();
        const bytes = p.totalBytes && p.file ? ` ${Math.round((100 * p.bytesRead) / p.totalBytes)}% of ${p.file}` : p.file ? ` ${p.file}` : "";
        out.progress(`[import] ${p.phase}:${bytes} ${p.rowsProcessed} rows, ${p.rowsPerSecond} rows/s`);
      },
    });
    out.progress(`[import] run ${started.runId} of "${started.sourceName}"`);
    const outcome = await started.done;
    const { problems, total } = await listRunProblems(outcome.runId, { limit: 1000 });
    const c = outcome.counts;
    const human = [
      `Import ${outcome.status} (run ${outcome.runId}): ${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.removed} removed, ${c.rejected} rejected`,
      ...(outcome.note ? [`  ${outcome.note}`] : []),
      ...outcome.files.map((f) => `  ${f.name}  ${f.status}${f.etag ? `  etag ${f.etag}` : ""}${f.size !== null ? `  ${f.size} bytes` : ""}`),
      ...problems.filter((p) => p.severity !== "info").slice(0, 20).map((p) => `  ${p.severity} ${p.file}${p.line ? `:${p.line}` : ""}${p.column ? ` [${p.column}]` : ""} ${p.message}`),
      ...(total > 20 ? [`  … ${total} problems in all (dealport import --json, or the run page)`] : []),
      ...[describeProblemsNotStored(c.problemsNotStored)].filter((line) => line !== null).map((line) => `  ${line}`),
      ...(outcome.error ? [`error: ${outcome.error}`] : []),
    ].join("\n");
    out.result(human, { ...outcome, problems, problemsTotal: total });
    if (outcome.status === "failed" || outcome.status === "cancelled") throw new AppError("bad_request", outcome.error ?? `Import ${outcome.status}`);
  },
};

/** What `dealport pull` was for Exact Sales sources, kept for the habit: every kind imports the same way. */
export const pullCommand: CliCommand = {
  name: "pull",
  usage: "pull <source>",
  summary: "the same as `import <source>` (Exact Sales pulls are imports like any other)",
  run: (args, out, db) => importCommand.run(args, out, db),
};

const runLine = (r: ImportRunView) =>
  `#${r.number}  ${r.startedAt.toISOString().slice(0, 19)}  ${r.status.padEnd(9)}  ${r.source.name}${r.rollbackOf ? ` (rollback of #${r.rollbackOf.number})` : ""}  ${r.counts.new ?? 0} new, ${r.counts.changed ?? 0} changed, ${r.counts.removed ?? 0} removed, ${r.counts.rejected ?? 0} rejected  ${r.id}`;

export const importsCommand: CliCommand = {
  name: "imports",
  usage: "imports [--source S] [--held] [--limit N] | imports approve|discard|rediff|rollback <run-id> …",
  summary: "list import runs, latest first (--held: the ones waiting for review); decide about held runs; roll back applied ones",
  async run(args, out) {
    const verb = IMPORT_REVIEW_VERBS.find((v) => v === args[0]);
    if (verb) return runImportReview(verb, args.slice(1), out);
    const { values } = parseArgs({ args, options: { source: { type: "string" }, held: { type: "boolean" }, limit: { type: "string" } }, strict: true });
    const sourceId = values.source ? (await findSource(values.source)).id : undefined;
    const runs = await listImportRuns({ sourceId, status: values.held ? "held" : undefined, limit: values.limit });
    out.result(runs.length ? runs.map(runLine).join("\n") : "No imports yet", { runs });
  },
};

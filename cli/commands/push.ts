// push, runs, push-worker and destination: the same lib/ calls as the UI and the API.
import { readFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { findCredentialId } from "@/lib/credentials/find-credential";
import { findDestination } from "@/lib/destinations/find-destination";
import { listDestinations } from "@/lib/destinations/list-destinations";
import { DESTINATION_KINDS } from "@/lib/destinations/registry";
import { saveDestination } from "@/lib/destinations/save-destination";
import { testDestination } from "@/lib/destinations/test-destination";
import { AppError } from "@/lib/errors";
import { createSyncRun } from "@/lib/sync/create-sync-run";
import { getSyncRun } from "@/lib/sync/get-sync-run";
import { listSyncRuns } from "@/lib/sync/list-sync-runs";
import type { RunCounts } from "@/lib/sync/refresh-runs";
import { runSyncWorker } from "@/lib/sync/run-sync-worker";
import { DEFAULT_WORKER_SETTINGS } from "@/lib/sync/worker-context";
import type { Output } from "../output";
import type { CliCommand } from "./types";

const list = (values: string[] | undefined) => (values?.length ? values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean) : undefined);

/** --option NAME=VALUE, one per push option the destination takes (--project-type is Jointflows' projectType). */
function pushOptions(values: string[] | undefined): Record<string, string> {
  const options: Record<string, string> = Object.create(null);
  for (const value of values ?? []) {
    const eq = value.indexOf("=");
    if (eq <= 0) throw new AppError("bad_request", `--option "${value}" is not of the form NAME=VALUE`);
    options[value.slice(0, eq).trim()] = value.slice(eq + 1);
  }
  return options;
}

const countsLine = (c: Partial<RunCounts>) =>
  `sent ${c.sent ?? 0} (created ${c.created ?? 0}, updated ${c.updated ?? 0}, found again ${c.reconciled ?? 0}), skipped ${c.skipped ?? 0}, failed ${c.failed ?? 0}, uncertain ${c.uncertain ?? 0} of ${c.total ?? 0}`;

async function followRun(runId: string, out: Output) {
  let last = "";
  await runSyncWorker({
    runId,
    stopWhenIdle: true,
    onProgress: async () => {
      const run = await getSyncRun(runId, { limit: 1 });
      const line = `[push] ${run.status}: ${countsLine(run.counts as Partial<RunCounts>)}`;
      if (line !== last) out.progress((last = line));
    },
  });
}

export const pushCommand: CliCommand = {
  name: "push",
  usage: "push --destination <id|name> [--stage S] [--pipeline P] [--dry-run] [--option NAME=VALUE]… [--project-type T]",
  summary: "push the deals matching the filters (active deals by default) and follow the run to the end",
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: {
        destination: { type: "string" },
        stage: { type: "string", multiple: true },
        pipeline: { type: "string", multiple: true },
        owner: { type: "string", multiple: true },
        "dry-run": { type: "boolean" },
        option: { type: "string", multiple: true },
        "project-type": { type: "string" },
      },
      strict: true,
    });
    if (!values.destination) throw new AppError("bad_request", `--destination is required\nusage: dealport ${this.usage}`);
    const destination = await findDestination(values.destination);
    const filter = { status: "active" as const, stage: list(values.stage), pipeline: list(values.pipeline), owner: list(values.owner) };
    const run = await createSyncRun(
      { destinationId: destination.id, selection: { mode: "filter", filter, excludeIds: [] }, dryRun: values["dry-run"] ?? false, options: { ...pushOptions(values.option), ...(values["project-type"] === undefined ? {} : { projectType: values["project-type"] }) } },
      null,
    );
    out.progress(`[push] run ${run.id}: ${(run.counts as Partial<RunCounts>).total ?? 0} deals to "${destination.name}"${run.dryRun ? " (dry run)" : ""}`);
    if (!run.dryRun) await followRun(run.id, out);
    const done = await getSyncRun(run.id, { limit: 1000 });
    const counts = done.counts as Partial<RunCounts>;
    out.result(`Run ${done.id} ${done.status}: ${countsLine(counts)}${done.error ? `\n${done.error}` : ""}`, {
      run: { id: done.id, status: done.status, dryRun: done.dryRun, counts, error: done.error },
      problems: done.items.filter((i) => i.state === "failed" || i.state === "uncertain").map((i) => ({ deal: i.deal.externalId, state: i.state, error: i.error })),
    });
    // The worker stops following a blocked run at once: nothing in it can move until a person acts.
    if (done.status === "blocked") throw new AppError("misconfigured", `Run ${done.id} is blocked: ${done.error}\nFix the cause, then: retry it on the run's page (/pushes/${done.id})`);
    if (done.status === "failed") {
      const reasons = [...new Set(done.items.flatMap((i) => (i.state === "failed" && i.error ? [i.error] : [])))];
      throw new AppError("bad_request", `No deal could be pushed (${counts.failed ?? 0} failed)${reasons.length ? `: ${reasons.slice(0, 3).join("; ")}` : ""}`);
    }
  },
};

export const runsCommand: CliCommand = {
  name: "runs",
  usage: "runs [<run-id>]",
  summary: "recent push runs with their counts, or one run's items",
  async run(args, out) {
    if (args[0]) {
      const run = await getSyncRun(args[0], { limit: 1000 });
      const lines = run.items.map((i) => `  ${i.deal.externalId}  ${i.state}${i.action ? ` (${i.action})` : ""}  ${i.externalId ?? ""}${i.error ? `  ${i.error}` : ""}`);
      const reason = run.error ? [`  ${run.status === "blocked" ? "Blocked" : "Reason"}: ${run.error}`] : [];
      out.result([`Run ${run.id} to "${run.destination.name}" ${run.status}: ${countsLine(run.counts as Partial<RunCounts>)}`, ...reason, ...lines].join("\n"), { run });
      return;
    }
    const runs = await listSyncRuns({ limit: 50 });
    out.result(
      runs.length
        ? runs.map((r) => `${r.id}  ${r.createdAt.toISOString().slice(0, 16)}  ${r.destination.name}${r.dryRun ? " (dry run)" : ""}  ${r.status}  ${countsLine(r.counts as Partial<RunCounts>)}${r.startedBy ? `  by ${r.startedBy}` : ""}`).join("\n")
        : "No push runs yet",
      { runs },
    );
  },
};

const pushWorkerFlagsSchema = z.object({
  concurrency: z.coerce.number({ error: "--concurrency: a whole number" }).int("--concurrency: a whole number").min(1, "--concurrency: 1 to 256").max(256, "--concurrency: 1 to 256").default(DEFAULT_WORKER_SETTINGS.concurrency),
  // A lease shorter than the slowest request would let a live worker's item be taken over: 30 s at least in production.
  "lease-seconds": z.coerce.number({ error: "--lease-seconds: a number of seconds" }).min(0.5, "--lease-seconds: at least 0.5").max(3600, "--lease-seconds: at most 3600").default(DEFAULT_WORKER_SETTINGS.leaseMs / 1000),
});

export const pushWorkerCommand: CliCommand = {
  name: "push-worker",
  usage: "push-worker [--concurrency 16] [--lease-seconds 120]",
  summary: "process the push queue until Ctrl-C (several may run against one database)",
  async run(args, out) {
    const { values } = parseArgs({ args, options: { concurrency: { type: "string" }, "lease-seconds": { type: "string" } } });
    const flags = pushWorkerFlagsSchema.parse(values);
    const controller = new AbortController();
    process.once("SIGINT", () => controller.abort());
    process.once("SIGTERM", () => controller.abort());
    // The worker id is what SyncItem.claimedBy shows: host and process, so an operator can tell who holds an item.
    const workerId = `${os.hostname()}:${process.pid}`;
    out.progress(`[push-worker] ${workerId} processing the push queue (${flags.concurrency} at once, lease ${flags["lease-seconds"]} s); Ctrl-C to stop`);
    await runSyncWorker({
      workerId,
      concurrency: flags.concurrency,
      leaseMs: Math.round(flags["lease-seconds"] * 1000),
      signal: controller.signal,
      onProgress: (ids) => out.progress(`[push-worker] progress in run ${ids.join(", ")}`),
    });
    out.result("Push worker stopped", { stopped: true });
  },
};

const DESTINATION_USAGE = `usage:
  dealport destination add --kind ${DESTINATION_KINDS.join("|")} --name N --credential <id|name> [--options-file FILE]
  dealport destination edit <id|name> [--name N] [--credential C] [--options-file FILE]
  dealport destination list
  dealport destination test <id|name>
(options: a JSON object, e.g. {"stages":"Closed Won = Closed Won | won | 100","defaultOwner":"a@b.example"})`;

async function readOptions(file: string | undefined): Promise<Record<string, unknown> | undefined> {
  if (!file) return undefined;
  try {
    return JSON.parse(file === "-" ? await new Response(process.stdin as unknown as ReadableStream).text() : await readFile(file, "utf8"));
  } catch {
    throw new AppError("bad_request", "--options-file must hold a JSON object");
  }
}

export const destinationCommand: CliCommand = {
  name: "destination",
  usage: "destination add|edit|list|test …",
  summary: "configure push destinations and their mappings",
  async run(args, out) {
    const [sub, ...rest] = args;
    const options = { kind: { type: "string" }, name: { type: "string" }, credential: { type: "string" }, "options-file": { type: "string" } } as const;
    if (sub === "list") {
      const destinations = await listDestinations();
      out.result(destinations.length ? destinations.map((d) => `${d.name}  ${d.kind}  ${d.id}  credential ${d.credential?.name ?? "missing"}`).join("\n") : "No destinations yet", {
        destinations: destinations.map(({ credential, ...d }) => ({ ...d, credential: credential ? { id: credential.id, name: credential.name } : null })),
      });
    } else if (sub === "add") {
      const { values } = parseArgs({ args: rest, options, strict: true });
      const saved = await saveDestination(
        { name: values.name as string, kind: values.kind as string, credentialId: values.credential ? await findCredentialId(values.credential) : "", options: (await readOptions(values["options-file"])) ?? {} },
        null,
      );
      out.result(`Added destination "${saved.name}" (${saved.id})`, { destination: saved });
    } else if (sub === "edit" && rest[0]) {
      const { values, positionals } = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
      const existing = await findDestination(positionals[0]);
      const saved = await saveDestination(
        {
          id: existing.id,
          name: values.name ?? existing.name,
          kind: existing.kind,
          credentialId: values.credential ? await findCredentialId(values.credential) : (existing.credentialId ?? ""),
          options: (await readOptions(values["options-file"])) ?? (existing.options as Record<string, unknown>),
        },
        null,
      );
      out.result(`Saved destination "${saved.name}"`, { destination: saved });
    } else if (sub === "test" && rest[0]) {
      const result = await testDestination(rest[0], null);
      out.result(`${result.ok ? "OK" : "FAILED"}: ${result.message}`, result);
      if (!result.ok) throw new AppError("bad_request", `Connection test failed: ${result.message}`);
    } else {
      throw new AppError("bad_request", DESTINATION_USAGE);
    }
  },
};

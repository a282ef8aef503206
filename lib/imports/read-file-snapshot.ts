// The reader for flat-file sources (S3 prefix or folder): lists the files, skips groups
// whose files all kept their ETag since the last successful import, and streams the rest
// through the format's parser. Jointflows' deals.csv and accounts.csv (when there is one) form
// one group (deal rows carry account fields that override accounts.csv), contacts.csv another.
import { createHash } from "node:crypto";
import { readEnv } from "@/lib/env";
import type { FileStore, StoredFile } from "@/lib/sources/file-store";
import type { ImportFormat, SourceParseOptions } from "@/lib/sources/schemas";
import { canonicalJson } from "./canonical";
import type { FileRead, ImportEvent, ImportReadContext, ImportReader, RecordKind } from "./import-reader";
import { parseDreamdataStageObjects, parseJointflowsAccounts, parseJointflowsContacts, parseJointflowsDeals } from "./parse";
import type { ImportBatch } from "./parse/csv-format";
import { fileProblem, rejectsFile } from "./parse/problems";
import { planSourceFiles, type PlannedFile } from "./plan-source-files";

// Rows per batch handed to staging. A batch lives until staging has encoded it (~9 KB of
// short-lived allocations per row): at 1,000 rows it outlived two young-generation collections
// and was promoted, filling the old heap with garbage that only a full GC frees (peak heap
// 79 MB vs 28 MB at 250 rows, bench:import 200k). Smaller batches die young.
const IMPORT_BATCH_ROWS = 250;

export interface FileSnapshotOptions {
  format: ImportFormat;
  parse: SourceParseOptions;
  /** The base currency: Jointflows values without a currency are in it (the format: "taken from the platform settings"). */
  baseCurrency: string;
}

export function fileSnapshotReader(store: FileStore, options: FileSnapshotOptions): ImportReader {
  return {
    missingRate: options.format === "dreamdata" ? "reject" : "keep",
    read: (context) => readFileSnapshot(store, options, context),
  };
}

async function* readFileSnapshot(store: FileStore, options: FileSnapshotOptions, context: ImportReadContext): AsyncGenerator<ImportEvent> {
  const files = await store.list(context.signal);
  const plan = planSourceFiles(options.format, files, options.parse.dreamdataDumps);
  const optionsHash = createHash("sha256").update(canonicalJson({ format: options.format, parse: options.parse })).digest("hex").slice(0, 16);

  for (const { file, reason } of plan.ignored) yield { type: "file", file: { ...describe(file, null, "ignored"), reason } };
  if (plan.missing.length > 0) {
    yield {
      type: "problems",
      problems: plan.missing.map((name) =>
        fileProblem(name, "unreadable_file", `${store.location} has no ${name}; a ${options.format} import needs it, so nothing was imported`),
      ),
    };
    return;
  }

  for (const group of groupsOf(options.format, plan.read)) {
    if (!context.force && isUnchanged(group, context.previousFiles, optionsHash)) {
      for (const { file, kind } of group) yield { type: "file", file: { ...describe(file, kind, "unchanged"), optionsHash } };
      continue;
    }
    for (const kind of scopesOf(options.format, group)) yield { type: "scope", kind, mode: "snapshot" };
    for (const planned of group) yield* readOne(store, planned, options, context, optionsHash);
  }
}

function groupsOf(format: ImportFormat, read: PlannedFile[]): PlannedFile[][] {
  if (format === "dreamdata") return [read];
  const dealsAndAccounts = read.filter((p) => p.kind !== "contacts");
  const contacts = read.filter((p) => p.kind === "contacts");
  return [dealsAndAccounts, contacts].filter((g) => g.length > 0);
}

/**
 * What a group's files define in full. Jointflows' deals.csv also defines the accounts (its
 * rows carry account fields, with or without an accounts.csv); Dreamdata stage objects
 * carry their company (account) and contacts.
 */
function scopesOf(format: ImportFormat, group: PlannedFile[]): Set<RecordKind> {
  const kinds = new Set(group.map((p) => p.kind));
  if (format === "dreamdata") return new Set(["deals", "accounts", "contacts"]);
  if (kinds.has("deals")) kinds.add("accounts");
  return kinds;
}

/** Every file of the group was imported last time with the same ETag and options, and no file was added. */
function isUnchanged(group: PlannedFile[], previous: FileRead[], optionsHash: string): boolean {
  const kinds = new Set(group.map((p) => p.kind));
  const before = previous.filter((f) => f.kind !== null && kinds.has(f.kind) && (f.status === "imported" || f.status === "unchanged"));
  if (before.length !== group.length) return false;
  return group.every(({ file }) =>
    before.some((b) => b.key === file.key && file.etag !== null && b.etag === file.etag && b.optionsHash === optionsHash),
  );
}

function describe(file: StoredFile, kind: RecordKind | null, status: FileRead["status"]): FileRead {
  return {
    name: file.name,
    key: file.key,
    etag: file.etag,
    size: file.size,
    lastModified: file.lastModified?.toISOString() ?? null,
    status,
    kind,
  };
}

async function* readOne(
  store: FileStore,
  { file, kind }: PlannedFile,
  options: FileSnapshotOptions,
  context: ImportReadContext,
  optionsHash: string,
): AsyncGenerator<ImportEvent> {
  yield { type: "reading", file: file.name, totalBytes: file.size };
  const body = await store.open(file, context.signal);
  const env = readEnv();
  const common = {
    file: file.name,
    maxInflatedBytes: env.DEALPORT_IMPORT_MAX_DECOMPRESSED_MB === undefined ? undefined : env.DEALPORT_IMPORT_MAX_DECOMPRESSED_MB * 1024 ** 2,
    maxCompressionRatio: env.DEALPORT_IMPORT_MAX_COMPRESSION_RATIO,
    encoding: options.parse.encoding,
    delimiter: options.parse.delimiter,
    exponentOf: context.exponentOf,
    batchSize: IMPORT_BATCH_ROWS,
  };
  let batches: AsyncGenerator<ImportBatch<never>>;
  if (options.format === "dreamdata") batches = parseDreamdataStageObjects(body, common) as AsyncGenerator<ImportBatch<never>>;
  // Jointflows ids repeat rarely: staging keeps every row and finds the repeats (memory flat whatever the file's size).
  else if (kind === "accounts") batches = parseJointflowsAccounts(body, { ...common, keepRepeats: true }) as AsyncGenerator<ImportBatch<never>>;
  else if (kind === "contacts") batches = parseJointflowsContacts(body, { ...common, keepRepeats: true }) as AsyncGenerator<ImportBatch<never>>;
  else {
    batches = parseJointflowsDeals(body, {
      ...common,
      keepRepeats: true,
      dateOrder: options.parse.dateOrder,
      decimalSeparator: options.parse.decimalSeparator,
      defaultCurrency: options.parse.defaultCurrency ?? options.baseCurrency,
    }) as AsyncGenerator<ImportBatch<never>>;
  }

  let rejected = false;
  let summary: ImportBatch<never>["summary"];
  try {
    for await (const batch of batches) {
      if (batch.problems.some(rejectsFile)) rejected = true;
      summary = batch.summary ?? summary;
      yield {
        type: kind,
        records: batch.records,
        problems: batch.problems,
        rejectedIds: batch.rejectedIds,
        idColumn: batch.idColumn,
        progress: { file: file.name, bytesRead: batch.progress.bytesRead, totalBytes: file.size },
      } as ImportEvent;
    }
  } finally {
    // The parser stops early on a rejected file; the rest of the S3 body must not hold the socket.
    (body as { destroy?: () => void }).destroy?.();
  }
  yield {
    type: "file",
    file: {
      ...describe(file, kind, rejected ? "rejected" : "imported"),
      rows: summary?.rows,
      encoding: summary?.encoding ?? null,
      delimiter: summary?.delimiter,
      optionsHash,
    },
  };
}

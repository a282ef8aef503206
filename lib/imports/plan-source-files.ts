// Which listed files an import reads, per format. Jointflows uses fixed names (deals.csv
// required; accounts.csv and contacts.csv optional: the format lets account fields ride on
// deals.csv), matched case-insensitively. Dreamdata reads .ndjson(.gz) under the prefix (CSV
// only when there is none): by default only the newest file, since each dump is a full
// snapshot and a prefix often keeps dated older ones; or all of them as one snapshot.
import type { StoredFile } from "@/lib/sources/file-store";
import type { ImportFormat } from "@/lib/sources/schemas";

export type RecordKind = "deals" | "accounts" | "contacts";

export interface PlannedFile {
  file: StoredFile;
  kind: RecordKind;
}

export interface IgnoredFile {
  file: StoredFile;
  /** Why it is not read, for the run page and Test connection. */
  reason: string;
}

export interface FilePlan {
  /** In reading order: accounts before deals (inline account fields override them), contacts last. */
  read: PlannedFile[];
  /** Required files that are not there, by the name expected. */
  missing: string[];
  /** Files under the prefix that are not read. */
  ignored: IgnoredFile[];
}

/** Several Dreamdata dumps under one prefix: the newest is the full snapshot, or all of them together are. */
export const DREAMDATA_DUMP_MODES = ["newest", "all"] as const;
export type DreamdataDumpMode = (typeof DREAMDATA_DUMP_MODES)[number];

const JOINTFLOWS_FILES: { name: string; kind: RecordKind; required: boolean }[] = [
  { name: "accounts.csv", kind: "accounts", required: false },
  { name: "deals.csv", kind: "deals", required: true },
  { name: "contacts.csv", kind: "contacts", required: false },
];

export function planSourceFiles(format: ImportFormat, files: StoredFile[], dumps: DreamdataDumpMode = "newest"): FilePlan {
  if (format === "jointflows") {
    const read: PlannedFile[] = [];
    const missing: string[] = [];
    const used = new Set<StoredFile>();
    for (const expected of JOINTFLOWS_FILES) {
      const file = files.find((f) => f.name.trim().toLowerCase() === expected.name);
      if (file) {
        read.push({ file, kind: expected.kind });
        used.add(file);
      } else if (expected.required) missing.push(expected.name);
    }
    return { read, missing, ignored: files.filter((f) => !used.has(f)).map((file) => ({ file, reason: "not a Jointflows file name" })) };
  }
  const ndjson = files.filter((f) => /\.(nd)?jsonl?(\.gz)?$/i.test(f.name));
  const dumpFiles = ndjson.length > 0 ? ndjson : files.filter((f) => /\.csv(\.gz)?$/i.test(f.name));
  const chosen = dumps === "all" || dumpFiles.length <= 1 ? dumpFiles : [newest(dumpFiles)];
  return {
    read: chosen.map((file) => ({ file, kind: "deals" as const })),
    missing: chosen.length === 0 ? ["a .ndjson.gz, .ndjson or .csv file of stage objects"] : [],
    ignored: files
      .filter((f) => !chosen.includes(f))
      .map((file) => ({
        file,
        reason: !dumpFiles.includes(file)
          ? ndjson.length > 0 && /\.csv(\.gz)?$/i.test(file.name)
            ? "CSV is read only when there is no NDJSON dump"
            : "not a stage-object dump"
          : `an older dump: the newest file (${chosen[0].name}) is the full snapshot`,
      })),
  };
}

/** The most recently modified file; dated names break ties (stage-objects-2024-06-02 after -06-01). */
function newest(files: StoredFile[]): StoredFile {
  const time = (f: StoredFile) => f.lastModified?.getTime() ?? 0;
  return files.reduce((best, f) => (time(f) > time(best) || (time(f) === time(best) && f.name > best.name) ? f : best));
}

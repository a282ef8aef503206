// Which listed files an import reads, per format. Jointflows uses fixed names
// (deals.csv, accounts.csv required; contacts.csv optional), matched case-insensitively.
// Dreamdata full dumps are every .ndjson(.gz) under the prefix; CSV only when there is none.
import type { StoredFile } from "@/lib/sources/file-store";
import type { ImportFormat } from "@/lib/sources/schemas";

export type RecordKind = "deals" | "accounts" | "contacts";

export interface PlannedFile {
  file: StoredFile;
  kind: RecordKind;
}

export interface FilePlan {
  /** In reading order: accounts before deals (inline account fields override them), contacts last. */
  read: PlannedFile[];
  /** Required files that are not there, by the name expected. */
  missing: string[];
  /** Files under the prefix the format does not read. */
  ignored: StoredFile[];
}

const JOINTFLOWS_FILES: { name: string; kind: RecordKind; required: boolean }[] = [
  { name: "accounts.csv", kind: "accounts", required: true },
  { name: "deals.csv", kind: "deals", required: true },
  { name: "contacts.csv", kind: "contacts", required: false },
];

export function planSourceFiles(format: ImportFormat, files: StoredFile[]): FilePlan {
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
    return { read, missing, ignored: files.filter((f) => !used.has(f)) };
  }
  const ndjson = files.filter((f) => /\.(nd)?jsonl?(\.gz)?$/i.test(f.name));
  const chosen = ndjson.length > 0 ? ndjson : files.filter((f) => /\.csv(\.gz)?$/i.test(f.name));
  return {
    read: chosen.map((file) => ({ file, kind: "deals" as const })),
    missing: chosen.length === 0 ? ["a .ndjson.gz, .ndjson or .csv file of stage objects"] : [],
    ignored: files.filter((f) => !chosen.includes(f)),
  };
}

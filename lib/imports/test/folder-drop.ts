// A Jointflows drop written to a local folder from a few plain objects, for tests that need
// precise changes between snapshots (hold rules, rollbacks).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportEnv } from "@/lib/env";
import type { ReviewRules } from "@/lib/imports/review-rules";
import { saveSource } from "@/lib/sources/save-source";
import { saveSourceReview } from "@/lib/sources/save-source-review";

export interface DropDeal {
  id: string;
  name?: string;
  stage?: string;
  amount?: number;
  currency?: string;
  account: string;
  accountName?: string;
}
export interface DropAccount {
  id: string;
  name: string;
}
export interface DropContact {
  id: string;
  account: string;
  email?: string;
  reportsTo?: string;
}

export interface Drop {
  deals: DropDeal[];
  accounts?: DropAccount[];
  contacts?: DropContact[];
}

const csv = (rows: string[][]) => rows.map((r) => r.join(",")).join("\n") + "\n";

export function writeDrop(dir: string, drop: Drop) {
  writeFileSync(
    path.join(dir, "deals.csv"),
    csv([
      ["name", "target_close_date", "owner_email", "value", "deal_unique_id", "account_unique_id", "deal_stage", "currency", "account_name"],
      ...drop.deals.map((d) => [d.name ?? `Deal ${d.id}`, "2027-03-01", "owner@example.com", String(d.amount ?? 1000), d.id, d.account, d.stage ?? "Discovery", d.currency ?? "USD", d.accountName ?? ""]),
    ]),
  );
  writeFileSync(
    path.join(dir, "accounts.csv"),
    csv([["name", "unique_id", "url"], ...(drop.accounts ?? []).map((a) => [a.name, a.id, `https://${a.id.toLowerCase()}.example`])]),
  );
  writeFileSync(
    path.join(dir, "contacts.csv"),
    csv([
      ["first_name", "last_name", "email_address", "account_unique_id", "contact_unique_id", "reports_to_id"],
      ...(drop.contacts ?? []).map((c) => ["Pat", c.id, c.email ?? `${c.id.toLowerCase()}@example.com`, c.account, c.id, c.reportsTo ?? ""]),
    ]),
  );
}

/** A temporary folder and a saved file_folder source reading it (review rules: the defaults unless given). */
export async function createFolderSource(name: string, review?: Partial<ReviewRules>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dealport-drop-"));
  // Folder sources must lie under an import root (docs/security.md); these drops live under the OS temp folder.
  exportEnv({ DEALPORT_IMPORT_ROOTS: os.tmpdir() }, { override: true });
  const { source } = await saveSource({ kind: "file_folder", name, format: "jointflows", location: { path: dir } }, null);
  if (review) await saveSourceReview({ sourceId: source.id, ...review }, null);
  return { dir, source, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

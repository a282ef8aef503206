// Test fixtures for one deal from several sources: a Jointflows drop and a Dreamdata file
// (as the seeds write them) in folders under the import root, imported for real.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "vitest";
import { exportEnv } from "@/lib/env";
import { startImport } from "@/lib/imports/start-import";
import { ensureUrlSource } from "@/lib/sources/ensure-url-source";

export const JOINTFLOWS_DEALS = `Name,target_close_date,owner_email,value,deal_unique_id,account_unique_id,deal_stage,pipeline_id,currency,account_name,account_url
Albion Travel Tech - Analytics Platform expansion,2027-08-08,sam@example.com,20500,DL-10057,AC-0026,Proposal,Expansion,USD,Albion Travel Tech,https://www.albiontravel.example
Northwind - Security Suite,2027-07-05,elise@example.com,12000,DL-10001,AC-0001,Discovery,Expansion,USD,Northwind,https://northwind.example
`;

export type DreamdataStage = { id: string; name: string; amount: number; currency: string; stage: string; crm?: string; company?: { id: string; name: string } };

/** Dreamdata stage objects; `crm` goes into properties.crm_id, `company` into company_id and properties.company_name. */
export function dreamdataStages(rows: DreamdataStage[]) {
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const lines = rows.map((r) =>
    [
      r.id,
      r.company?.id ?? "",
      `buyer-${r.id}@example.com`,
      "",
      "",
      quote(r.name),
      r.currency,
      "2026-09-04T17:44:19Z",
      "",
      r.amount,
      quote(JSON.stringify({ stage: r.stage, ...(r.crm ? { crm_id: r.crm } : {}), ...(r.company ? { company_name: r.company.name } : {}) })),
    ].join(","),
  );
  return `id,company_id,email,contact_id,emails,name,currency,created_date,closed_date,amount,properties\n${lines.join("\n")}\n`;
}

export function folder(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "dealport-links-"));
  // Folder sources must lie under an import root (docs/security.md).
  exportEnv({ DEALPORT_IMPORT_ROOTS: tmpdir() }, { override: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

export const folderSource = (dir: string, format: "jointflows" | "dreamdata") => ensureUrlSource(pathToFileURL(dir).href + "/", { format });

export async function importFolder(dir: string, format: "jointflows" | "dreamdata") {
  const sourceId = await folderSource(dir, format);
  const outcome = await (await startImport({ source: sourceId, trigger: "cli", actor: null })).done;
  expect(outcome.error).toBeNull();
  return { sourceId, runId: outcome.runId };
}

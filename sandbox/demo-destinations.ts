// The demo's push destinations: the sandbox ChartMogul, Pipeliner and S3 drops for
// Jointflows and Dreamdata, with credentials and mappings for the sample data, saved idempotently
// (by name). The sample accounts are added to the fake CRMs so that pushes match them.
import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { saveCredential } from "@/lib/credentials/save-credential";
import { getDb } from "@/lib/db/client";
import { saveDestination } from "@/lib/destinations/save-destination";
import type { SaveDestinationInput } from "@/lib/destinations/schemas";
import type { Sandbox } from "./index";
import { SEED_DATA_DIR } from "./seed-data";

const OWNERS = [
  "elise.martin@lumenworks.example = alex.morgan@example.com",
  "maya.chen@lumenworks.example = priya.shah@example.com",
  "tom.okafor@lumenworks.example = sam.lee@example.com",
  "jonas.becker@lumenworks.example = alex.morgan@example.com",
  "sam.whitfield@lumenworks.example = priya.shah@example.com",
  "priya.raman@lumenworks.example = sam.lee@example.com",
].join("\n");

const CHARTMOGUL_STAGES = [
  "Discovery = Discovery | pipeline | 10",
  "Qualification = Qualification | pipeline | 25",
  "Proposal = Proposal | best_case | 50",
  "Negotiation = Negotiation | committed | 75",
  "Closed Won = Closed Won | won | 100",
  "Closed Lost = Closed Lost | lost | 0",
].join("\n");

function sampleAccounts(): { name: string; unique_id: string; url: string }[] {
  const seen = new Map<string, { name: string; unique_id: string; url: string }>();
  for (const folder of ["jointflows", "jointflows-v2"]) {
    const text = readFileSync(path.join(SEED_DATA_DIR, folder, "accounts.csv"), "utf8");
    for (const row of Papa.parse<{ name: string; unique_id: string; url: string }>(text, { header: true, skipEmptyLines: true }).data) seen.set(row.unique_id, row);
  }
  return [...seen.values()];
}

function seedFakeCrms(sandbox: Sandbox) {
  for (const account of sampleAccounts()) {
    const domain = account.url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/.*$/, "");
    sandbox.chartMogul.store.addCustomer({ name: account.name, email: `billing@${domain}`, external_id: account.unique_id });
    sandbox.pipeliner.store.insert("Accounts", { name: account.name, email1: `billing@${domain}`, email2: null, email3: null, email4: null, email5: null, home_page: account.url });
  }
}

async function ensureDestination(input: Omit<SaveDestinationInput, "id">) {
  const existing = await getDb().destination.findUnique({ where: { name: input.name }, select: { id: true } });
  return saveDestination({ ...input, id: existing?.id }, null);
}

export async function ensureDemoDestinations(sandbox: Sandbox, log: (line: string) => void) {
  seedFakeCrms(sandbox);
  const cm = await saveCredential({ kind: "chartmogul", name: "Sandbox ChartMogul", endpoint: sandbox.chartMogul.baseUrl, secret: { apiKey: sandbox.chartMogul.apiKey } }, null);
  const pl = await saveCredential(
    { kind: "pipeliner", name: "Sandbox Pipeliner", secret: { username: sandbox.pipeliner.username, password: sandbox.pipeliner.password, serviceUrl: sandbox.pipeliner.url, spaceId: sandbox.pipeliner.spaceId } },
    null,
  );
  const s3 = await saveCredential({ kind: "s3", name: "Sandbox S3 (Jointflows drop)", endpoint: sandbox.s3.endpoint, secret: { accessKeyId: sandbox.s3.accessKeyId, secretAccessKey: sandbox.s3.secretAccessKey } }, null);
  await ensureDestination({
    name: "ChartMogul (sandbox)",
    kind: "chartmogul",
    credentialId: cm.credential.id,
    options: { apiUrl: sandbox.chartMogul.baseUrl, stages: CHARTMOGUL_STAGES, pipelines: "Renewals = Expansion", owners: OWNERS },
  });
  await ensureDestination({
    name: "Pipeliner (sandbox)",
    kind: "pipeliner",
    credentialId: pl.credential.id,
    options: { pipelines: "Renewals = Expansion", owners: OWNERS },
  });
  await ensureDestination({
    name: "Jointflows (sandbox drop)",
    kind: "jointflows",
    credentialId: s3.credential.id,
    options: { endpoint: sandbox.s3.endpoint, region: sandbox.s3.region, bucket: sandbox.s3.bucket, prefix: "jointflows-out/", defaultProjectType: "Implementation" },
  });
  // The sandbox S3 stands in for Dreamdata's GCS bucket, so its S3 key pair serves.
  await ensureDestination({
    name: "Dreamdata export",
    kind: "dreamdata",
    credentialId: s3.credential.id,
    options: { endpoint: sandbox.s3.endpoint, region: sandbox.s3.region, bucket: sandbox.s3.bucket, prefix: "dreamdata-export/" },
  });
  log("Registered the sandbox destinations: ChartMogul, Pipeliner, Jointflows, Dreamdata");
}

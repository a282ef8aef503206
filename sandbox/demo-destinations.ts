// The demo's push destinations: the sandbox ChartMogul, Pipeliner and S3 drops for
// Jointflows and Dreamdata, with credentials and mappings for the sample data, saved idempotently
// (by name). The sample accounts are added to the fake CRMs the way real ones look, so
// most match by e-mail or website domain and a few need the Matching view.
import { createHash } from "node:crypto";
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

// Real customers don't carry our CRM's ids or names: billing-system ids, legal suffixes,
// the company e-mail on the domain for most, only a website for some, and nothing but a
// similar name for a few — those wait in the Matching view for a person to confirm.
const LEGAL_SUFFIXES = ["Inc.", "Ltd", "LLC", "Corp."];

function billingId(uniqueId: string): string {
  return `cus_${createHash("sha256").update(uniqueId).digest("base64url").replace(/[-_]/g, "").slice(0, 14)}`;
}

function seedFakeCrms(sandbox: Sandbox) {
  for (const [i, account] of sampleAccounts().entries()) {
    const domain = account.url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/.*$/, "");
    const name = /\b(GmbH|AG|Co\.|Group|Ltd|Inc\.?)$/.test(account.name) ? account.name : `${account.name} ${LEGAL_SUFFIXES[i % LEGAL_SUFFIXES.length]}`;
    const shape = i % 10;
    // 0–5: e-mail on the company's domain; 6–7: only a website; 8–9: only a similar name.
    const email = shape <= 5 ? `billing@${domain}` : "";
    const website = shape === 6 || shape === 7 ? (shape === 6 ? domain : `https://www.${domain}/`) : "";
    sandbox.chartMogul.store.addCustomer({ name, email, external_id: billingId(account.unique_id), website_url: website });
    const emails = [null, null, null, null, null] as (string | null)[];
    if (email) emails[i % 5] = email;
    sandbox.pipeliner.store.insert("Accounts", {
      name,
      ...Object.fromEntries(emails.map((e, n) => [`email${n + 1}`, e])),
      home_page: website || null,
    });
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

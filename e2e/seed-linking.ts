// The linking journey's world: a Jointflows drop and a Dreamdata file (as the seeds write
// them) in two folder sources, both holding the same deal; the journey imports them.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportEnv, readEnv } from "@/lib/env";
import { saveSource } from "@/lib/sources/save-source";

const root = path.join(os.tmpdir(), `dealport-e2e-linking-${process.env.E2E_PORT ?? "3100"}`);

export const E2E_LINKING = {
  jointflows: "E2E Linking Jointflows",
  dreamdata: "E2E Linking Dreamdata",
  deal: "Linking Journey Ltd - Analytics expansion",
  account: "Linking Journey Ltd",
  /** Jointflows' stage; Dreamdata (imported later, so newer) says "Linking negotiation". */
  stage: "Linking journey",
  newerStage: "Linking negotiation",
};

// jointflows-flat-files.txt: the deal file with its account inline (accounts.csv is optional).
const JOINTFLOWS_DEALS = `name,target_close_date,owner_email,value,deal_unique_id,account_unique_id,deal_stage,currency,account_name,account_url
${E2E_LINKING.deal},2027-08-08,sam.lee@example.com,20500,LJ-1,LJA-1,${E2E_LINKING.stage},USD,${E2E_LINKING.account},https://www.linking-journey.example
`;

// dreamdata-stage-objects.txt: id, company_id, email, name, currency, created_date, amount, properties (the CRM's fields).
const DREAMDATA_STAGES = `id,company_id,email,contact_id,emails,name,currency,created_date,closed_date,amount,properties
4053534803,0012000001LJ,buyer@linking-journey.example,,,${E2E_LINKING.deal},USD,2026-09-04T17:44:19Z,,20500,"{""stage"":""${E2E_LINKING.newerStage}"",""company_name"":""${E2E_LINKING.account}""}"
`;

export async function seedLinkingJourney() {
  rmSync(root, { recursive: true, force: true });
  const jointflows = path.join(root, "jointflows");
  const dreamdata = path.join(root, "dreamdata");
  mkdirSync(jointflows, { recursive: true });
  mkdirSync(dreamdata, { recursive: true });
  writeFileSync(path.join(jointflows, "deals.csv"), JOINTFLOWS_DEALS);
  writeFileSync(path.join(dreamdata, "stages.csv"), DREAMDATA_STAGES);
  // Folder sources must lie under an import root; added to the ones other journeys set.
  const roots = readEnv().DEALPORT_IMPORT_ROOTS;
  exportEnv({ DEALPORT_IMPORT_ROOTS: roots ? `${roots}:${root}` : root }, { override: true });
  await saveSource({ kind: "file_folder", name: E2E_LINKING.jointflows, format: "jointflows", location: { path: jointflows } }, null);
  await saveSource({ kind: "file_folder", name: E2E_LINKING.dreamdata, format: "dreamdata", location: { path: dreamdata } }, null);
}

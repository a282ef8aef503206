// The deal-timeline journey's world: a folder source whose drop the journey rewrites between
// imports (path derived from the port both processes know), and a ChartMogul destination on
// the push journey's sandbox that can take its deals (default pipeline and owner).
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { saveCredential } from "@/lib/credentials/save-credential";
import { saveDestination } from "@/lib/destinations/save-destination";
import { exportEnv, readEnv } from "@/lib/env";
import { writeDrop } from "@/lib/imports/test/folder-drop";
import { saveSource } from "@/lib/sources/save-source";
import { SANDBOX_CRM_USERS } from "@/lib/test/push-fixtures";
import type { ChartMogulServer } from "@/sandbox/chartmogul";

export const E2E_TIMELINE = {
  sourceName: "E2E Timeline drop",
  destinationName: "ChartMogul timeline",
  stage: "Timeline journey",
  laterStage: "Timeline journey step two",
  folder: path.join(os.tmpdir(), `dealport-e2e-timeline-${process.env.E2E_PORT ?? "3100"}`),
};

/** The sandbox ChartMogul's customer "Acme Inc." by its external id, so the deals match it. */
const ACME = "cus_NffrFeUfNV2Hib";

/** TL-1 moves to `tl1Stage` at `tl1Amount`; TL-2 and TL-3 stay as they are. */
export function writeTimelineDrop(tl1Stage: string, tl1Amount: number) {
  writeDrop(E2E_TIMELINE.folder, {
    deals: [
      { id: "TL-1", name: "Timeline deal one", account: ACME, accountName: "Acme Inc.", stage: tl1Stage, amount: tl1Amount },
      { id: "TL-2", name: "Timeline deal two", account: ACME, accountName: "Acme Inc.", stage: E2E_TIMELINE.stage },
      { id: "TL-3", name: "Timeline deal three", account: ACME, accountName: "Acme Inc.", stage: E2E_TIMELINE.stage },
    ],
    accounts: [{ id: ACME, name: "Acme Inc." }],
  });
}

export async function seedTimelineJourney(chartMogul: ChartMogulServer) {
  rmSync(E2E_TIMELINE.folder, { recursive: true, force: true });
  mkdirSync(E2E_TIMELINE.folder, { recursive: true });
  writeTimelineDrop(E2E_TIMELINE.stage, 1000);
  // Added to the import roots other seeds set; the app started after this inherits them.
  const roots = [readEnv().DEALPORT_IMPORT_ROOTS, E2E_TIMELINE.folder].filter(Boolean).join(":");
  exportEnv({ DEALPORT_IMPORT_ROOTS: roots }, { override: true });
  await saveSource({ kind: "file_folder", name: E2E_TIMELINE.sourceName, format: "jointflows", location: { path: E2E_TIMELINE.folder } }, null);
  const { credential } = await saveCredential({ kind: "chartmogul", name: "ChartMogul timeline key", endpoint: chartMogul.baseUrl, secret: { apiKey: chartMogul.apiKey } }, null);
  await saveDestination(
    {
      name: E2E_TIMELINE.destinationName,
      kind: "chartmogul",
      credentialId: credential.id,
      options: {
        apiUrl: chartMogul.baseUrl,
        stages: `${E2E_TIMELINE.stage} = Discovery | pipeline | 10\n${E2E_TIMELINE.laterStage} = Proposal | best_case | 50`,
        crmUsers: SANDBOX_CRM_USERS,
        defaultPipeline: "New Business",
        defaultOwner: "alex.morgan@example.com",
      },
    },
    null,
  );
}

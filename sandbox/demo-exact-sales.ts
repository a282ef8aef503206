// The demo's CRM pull, saved idempotently: the sandbox Exact Sales token as a credential,
// an incremental "Demo Exact Sales" source on the sandbox API, and a first pull so its
// deals are there when the app opens. Later runs find all of it and pull nothing again.
import { saveCredential } from "@/lib/credentials/save-credential";
import { getDb } from "@/lib/db/client";
import { startImport } from "@/lib/imports/start-import";
import { saveSource } from "@/lib/sources/save-source";
import type { Sandbox } from "./index";

const DEMO_TOKEN_CREDENTIAL = "Demo Exact Sales token (sandbox)";
const DEMO_SOURCE = "Demo Exact Sales";

export async function ensureDemoExactSales(sandbox: Sandbox, log: (line: string) => void) {
  const db = getDb();
  const credential = await db.credential.findUnique({ where: { name: DEMO_TOKEN_CREDENTIAL }, select: { id: true } });
  const credentialId = credential?.id ?? (await saveCredential({ kind: "exact_sales", name: DEMO_TOKEN_CREDENTIAL, endpoint: sandbox.exactSales.baseUrl, secret: { token: sandbox.exactSales.token } }, null)).credential.id;
  const found = await db.source.findUnique({ where: { name: DEMO_SOURCE }, select: { id: true } });
  // The sandbox is rebuilt on every start, so the base URL is saved again each time.
  const { source } = await saveSource(
    {
      id: found?.id,
      name: DEMO_SOURCE,
      kind: "exact_sales",
      credentialId,
      config: {
        baseUrl: sandbox.exactSales.baseUrl,
        mode: "incremental",
        pastWindowDays: 1,
        futureWindowDays: 365,
        // Open leads carry no value in Exact; the sandbox account keeps an estimate in this custom field.
        amountCustomField: "_valorestimado",
      },
    },
    null,
  );
  if (!found) log(`Registered the source "${DEMO_SOURCE}" (${sandbox.exactSales.baseUrl}, incremental)`);
  if (await db.importRun.count({ where: { sourceId: source.id, status: "succeeded" } })) return;
  const outcome = await (await startImport({ source: source.id, trigger: "cli", actor: null })).done;
  log(`First pull of "${DEMO_SOURCE}": ${outcome.status}, ${outcome.counts.new} new deals (${outcome.note ?? "no details"})`);
}

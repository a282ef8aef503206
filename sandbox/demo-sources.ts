// The demo's import side, saved idempotently: the sandbox S3 as a credential, a
// "Demo Jointflows" (jointflows/) and a "Demo Dreamdata" (dreamdata/) source on it, the
// exchange rates Dreamdata's EUR and GBP amounts need, and a first import of each source
// so the app opens with data. Later runs find all of it and import nothing again.
import { saveCredential } from "@/lib/credentials/save-credential";
import { addExchangeRate } from "@/lib/currency/add-exchange-rate";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { getDb } from "@/lib/db/client";
import { startImport } from "@/lib/imports/start-import";
import { saveSource } from "@/lib/sources/save-source";
import type { Sandbox } from "./index";

const DEMO_S3_CREDENTIAL = "Demo S3 (sandbox)";
const DEMO_RATES = [
  { currency: "EUR", rate: "1.08", validFrom: "2020-01-01" },
  { currency: "GBP", rate: "1.27", validFrom: "2020-01-01" },
];
const DEMO_SOURCES = [
  { name: "Demo Jointflows", format: "jointflows" as const, prefix: "jointflows/" },
  { name: "Demo Dreamdata", format: "dreamdata" as const, prefix: "dreamdata/" },
];

export async function ensureDemoSources(sandbox: Sandbox, log: (line: string) => void) {
  const db = getDb();
  const existing = await db.credential.findUnique({ where: { name: DEMO_S3_CREDENTIAL }, select: { id: true } });
  const credentialId =
    existing?.id ??
    (await saveCredential({ kind: "s3", name: DEMO_S3_CREDENTIAL, endpoint: sandbox.s3.endpoint, secret: { accessKeyId: sandbox.s3.accessKeyId, secretAccessKey: sandbox.s3.secretAccessKey } }, null))
      .credential.id;
  if ((await db.exchangeRate.count()) === 0 && (await getBaseCurrency()) === "USD") {
    for (const rate of DEMO_RATES) await addExchangeRate(rate, null);
  }
  const location = { bucket: sandbox.s3.bucket, region: sandbox.s3.region, endpoint: sandbox.s3.endpoint };
  for (const demo of DEMO_SOURCES) {
    const found = await db.source.findUnique({ where: { name: demo.name }, select: { id: true } });
    const id =
      found?.id ??
      (await saveSource({ kind: "s3_flatfile", name: demo.name, format: demo.format, credentialId, location: { ...location, prefix: demo.prefix } }, null)).source.id;
    if (!found) log(`Registered the source "${demo.name}" (s3://${sandbox.s3.bucket}/${demo.prefix})`);
    if (await db.importRun.count({ where: { sourceId: id, status: "succeeded" } })) continue;
    const outcome = await (await startImport({ source: id, trigger: "cli", actor: null })).done;
    log(`First import of "${demo.name}": ${outcome.status}, ${outcome.counts.new} new deals, ${outcome.counts.rejected} rejected`);
  }
}

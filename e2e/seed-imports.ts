// The import journey's world: a sandbox S3 on a fixed port (the journey, in another
// process, overwrites the drop through the S3 API) holding the first Jointflows drop,
// and an S3 credential for it. The journey itself adds the source through the UI.
import { saveCredential } from "@/lib/credentials/save-credential";
import { DEMO_S3_CREDENTIALS } from "@/sandbox/index";
import { startS3Server } from "@/sandbox/s3";
import { DEMO_BUCKET, SEED_DATA_DIR } from "@/sandbox/seed-data";
import { readFileSync } from "node:fs";
import path from "node:path";

const port = Number(process.env.E2E_S3_PORT ?? 3191);

export const E2E_S3 = {
  port,
  endpoint: `http://127.0.0.1:${port}`,
  bucket: DEMO_BUCKET,
  prefix: "e2e-jointflows/",
  credentialName: "E2E S3",
  ...DEMO_S3_CREDENTIALS,
};

export async function seedImportJourney() {
  const s3 = await startS3Server({ port: E2E_S3.port, credentials: [DEMO_S3_CREDENTIALS] });
  for (const name of ["deals.csv", "accounts.csv", "contacts.csv"]) {
    s3.putObject(DEMO_BUCKET, `${E2E_S3.prefix}${name}`, readFileSync(path.join(SEED_DATA_DIR, "jointflows", name)));
  }
  await saveCredential({ kind: "s3", name: E2E_S3.credentialName, endpoint: E2E_S3.endpoint, secret: DEMO_S3_CREDENTIALS }, null);
  return s3;
}

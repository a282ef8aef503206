// Shared set-up for the import integration tests: a sandbox S3 holding the seed data, an
// S3 credential and a source pointing at a prefix.
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { saveCredential } from "@/lib/credentials/save-credential";
import { saveSource } from "@/lib/sources/save-source";
import type { SourceParseOptions } from "@/lib/sources/schemas";
import { ensureTestSecretKey } from "@/lib/test/push-fixtures";
import { startS3Server, type S3Server } from "@/sandbox/s3";
import { DEMO_BUCKET, SEED_DATA_DIR, SEED_OBJECT_KEYS } from "@/sandbox/seed-data";

ensureTestSecretKey();

export const S3_KEYS = { accessKeyId: "AKIAIMPORTTEST000001", secretAccessKey: "import-test-secret-000000000000000001" };

export interface Manifest {
  jointflows: { deals: number; accounts: number; contacts: number; inlineAccountOverrides: { account_unique_id: string; deals_csv_name: string }[] };
  jointflowsV2: {
    added: string[];
    removed: string[];
    changed: { deal_unique_id: string; fields: Record<string, { from: string; to: string }> }[];
    unchanged: number;
    rejected: { file: string; line: number; column: string; deal_unique_id: string; existing: boolean }[];
    accounts: { added: string[]; changed: { unique_id: string }[] };
    contacts: { added: string[]; removed: string[]; changed: { contact_unique_id: string }[] };
  };
  dreamdata: { stages: number; currencies: Record<string, number>; withoutCompanyId: number; withCompanyAndContacts: number };
  jointflowsInline: { deals: number; accounts: number };
}

export const manifest = JSON.parse(readFileSync(path.join(SEED_DATA_DIR, "manifest.json"), "utf8")) as Manifest;

export function seedFile(key: string): Buffer {
  return readFileSync(path.join(SEED_DATA_DIR, key));
}

export async function startSeededS3(): Promise<S3Server> {
  const s3 = await startS3Server({ credentials: [S3_KEYS] });
  for (const key of SEED_OBJECT_KEYS) s3.putObject(DEMO_BUCKET, key, seedFile(key));
  return s3;
}

/** Overwrites `prefix` with the files of another seed folder, as the exporter does on update. */
export function dropSeedFolder(s3: S3Server, from: string, prefix: string) {
  for (const name of ["deals.csv", "accounts.csv", "contacts.csv"]) s3.putObject(DEMO_BUCKET, `${prefix}${name}`, seedFile(`${from}/${name}`));
}

export async function createS3Source(s3: S3Server, options: { name: string; prefix: string; format: "jointflows" | "dreamdata"; parse?: SourceParseOptions }) {
  const { credential } = await saveCredential({ kind: "s3", name: `${options.name} key`, endpoint: s3.endpoint, secret: S3_KEYS }, null);
  const { source } = await saveSource(
    {
      kind: "s3_flatfile",
      name: options.name,
      format: options.format,
      credentialId: credential.id,
      location: { bucket: DEMO_BUCKET, prefix: options.prefix, region: s3.region, endpoint: s3.endpoint },
      parse: options.parse ?? {},
    },
    null,
  );
  return source;
}

// The Jointflows drop is overwritten on every write, so a push writes the union of
// everything pushed before plus the new selection — never a delta. Each file goes to a
// temporary key first and is then copied over the real name, so a reader never sees a
// half-written file; the temporaries are deleted afterwards.
import { randomUUID } from "node:crypto";
import { CopyObjectCommand, DeleteObjectsCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { toCsv } from "@/lib/imports/parse/csv-writer";
import { dropKeys, type JointflowsConfig } from "./config";
import { ACCOUNT_COLUMNS, CONTACT_COLUMNS, DEAL_COLUMNS, type JointflowsPayload } from "./plan-rows";

export type S3KeyPair = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** Later payloads win: a deal pushed again replaces its earlier row, and so do its account and contacts. */
export function unionRows(payloads: JointflowsPayload[]) {
  const deals = new Map<string, JointflowsPayload["deal"]>();
  const accounts = new Map<string, NonNullable<JointflowsPayload["account"]>>();
  const contacts = new Map<string, JointflowsPayload["contacts"][number]>();
  for (const p of payloads) {
    deals.set(p.deal.deal_unique_id, p.deal);
    if (p.account) accounts.set(p.account.unique_id, p.account);
    for (const c of p.contacts) contacts.set(c.contact_unique_id, c);
  }
  return { deals: [...deals.values()], accounts: [...accounts.values()], contacts: [...contacts.values()] };
}

export function s3ClientFor(config: JointflowsConfig, credentials: S3KeyPair) {
  return new S3Client({
    endpoint: config.endpoint,
    forcePathStyle: config.endpoint !== undefined,
    region: config.region,
    credentials,
    maxAttempts: 3,
  });
}

export async function writeJointflowsDrop(payloads: JointflowsPayload[], config: JointflowsConfig, credentials: S3KeyPair) {
  const rows = unionRows(payloads);
  const keys = dropKeys(config);
  const files = [
    { key: keys.deals, body: toCsv(rows.deals, DEAL_COLUMNS) },
    { key: keys.accounts, body: toCsv(rows.accounts, ACCOUNT_COLUMNS) },
    { key: keys.contacts, body: toCsv(rows.contacts, CONTACT_COLUMNS) },
  ];
  const client = s3ClientFor(config, credentials);
  const tempFolder = `${keys.folder}.dealport-tmp/${randomUUID()}/`;
  try {
    // Every file is staged before any is replaced, so a failed upload leaves the old drop whole.
    for (const file of files) {
      await client.send(new PutObjectCommand({ Bucket: config.bucket, Key: `${tempFolder}${file.key.slice(keys.folder.length)}`, Body: file.body, ContentType: "text/csv; charset=utf-8" }));
    }
    for (const file of files) {
      const source = `${config.bucket}/${tempFolder}${file.key.slice(keys.folder.length)}`;
      await client.send(new CopyObjectCommand({ Bucket: config.bucket, Key: file.key, CopySource: source.split("/").map(encodeURIComponent).join("/") }));
    }
  } finally {
    await client
      .send(new DeleteObjectsCommand({ Bucket: config.bucket, Delete: { Objects: files.map((f) => ({ Key: `${tempFolder}${f.key.slice(keys.folder.length)}` })) } }))
      .catch(() => {});
    client.destroy();
  }
  return { location: `s3://${config.bucket}/${keys.folder}`, counts: { deals: rows.deals.length, accounts: rows.accounts.length, contacts: rows.contacts.length } };
}

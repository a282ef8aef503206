// The Jointflows drop is overwritten on every write, so a push writes the union of
// everything pushed before plus the new selection — never a delta — atomically.
import "server-only";
import { toCsv } from "@/lib/imports/parse/csv-writer";
import type { CheckedTransport } from "@/lib/net/checked-transport";
import { latestByKey, writeDropAtomically, type S3KeyPair } from "../s3-drop";
import { DROP_FILES, type JointflowsConfig } from "./config";
import { ACCOUNT_COLUMNS, CONTACT_COLUMNS, DEAL_COLUMNS, type JointflowsPayload } from "./plan-rows";

/** Later payloads win: a deal pushed again replaces its earlier row, and so do its account and contacts. */
function unionRows(payloads: JointflowsPayload[]) {
  return {
    deals: latestByKey(payloads.map((p) => p.deal), (d) => d.deal_unique_id),
    accounts: latestByKey(payloads.flatMap((p) => (p.account ? [p.account] : [])), (a) => a.unique_id),
    contacts: latestByKey(payloads.flatMap((p) => p.contacts), (c) => c.contact_unique_id),
  };
}

export async function writeJointflowsDrop(payloads: JointflowsPayload[], config: JointflowsConfig, credentials: S3KeyPair, transport: CheckedTransport) {
  const rows = unionRows(payloads);
  const csv = "text/csv; charset=utf-8";
  const location = await writeDropAtomically(
    [
      { name: DROP_FILES.deals, body: toCsv(rows.deals, DEAL_COLUMNS), contentType: csv },
      { name: DROP_FILES.accounts, body: toCsv(rows.accounts, ACCOUNT_COLUMNS), contentType: csv },
      { name: DROP_FILES.contacts, body: toCsv(rows.contacts, CONTACT_COLUMNS), contentType: csv },
    ],
    config,
    credentials,
    transport,
  );
  return { location, counts: { deals: rows.deals.length, accounts: rows.accounts.length, contacts: rows.contacts.length } };
}

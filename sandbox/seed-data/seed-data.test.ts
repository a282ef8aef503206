// The committed sample files: reproducible from the generator, shaped as the seed
// specs say, and the manifest's v1 → v2 story re-derived from the files themselves.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { startS3Server } from "../s3";
import {
  ACCOUNT_COLUMNS,
  CONTACT_COLUMNS,
  DEAL_COLUMNS,
  generateSeedData,
  STAGE_COLUMNS,
  type SeedManifest,
} from "./generate";
import { DEMO_BUCKET, SEED_DATA_DIR, SEED_OBJECT_KEYS, uploadSeedData } from "./index";

type Row = Record<string, string>;

function committed(file: string): Buffer {
  return readFileSync(path.join(SEED_DATA_DIR, file));
}

function parseCsv(file: string): { columns: string[]; rows: Row[] } {
  const parsed = Papa.parse<Row>(committed(file).toString("utf8"), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { columns: parsed.meta.fields ?? [], rows: parsed.data };
}

const manifest = JSON.parse(committed("manifest.json").toString("utf8")) as SeedManifest;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const STAGES = ["Discovery", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"];

describe("generator", () => {
  it("reproduces the committed files exactly", () => {
    const generated = generateSeedData();
    expect(Object.keys(generated).sort()).toEqual([...SEED_OBJECT_KEYS, "manifest.json"].sort());
    for (const [file, content] of Object.entries(generated)) {
      // gzip framing may differ between zlib builds; the payload must not.
      if (file.endsWith(".gz")) expect(gunzipSync(committed(file)).equals(gunzipSync(content)), file).toBe(true);
      else expect(committed(file).equals(content), file).toBe(true);
    }
  });
});

describe("jointflows (first drop)", () => {
  const deals = parseCsv("jointflows/deals.csv");
  const accounts = parseCsv("jointflows/accounts.csv");
  const contacts = parseCsv("jointflows/contacts.csv");

  it("uses the seed's column names (plus currency)", () => {
    expect(deals.columns).toEqual([...DEAL_COLUMNS]);
    expect(accounts.columns).toEqual([...ACCOUNT_COLUMNS]);
    expect(contacts.columns).toEqual([...CONTACT_COLUMNS]);
  });

  it("has 150 valid deals across about 40 accounts, 3 pipelines, 3 currencies", () => {
    expect(deals.rows).toHaveLength(150);
    expect(new Set(deals.rows.map((d) => d.deal_unique_id)).size).toBe(150);
    expect(new Set(deals.rows.map((d) => d.account_unique_id)).size).toBe(38);
    expect(new Set(deals.rows.map((d) => d.pipeline_id))).toEqual(new Set(["New Business", "Expansion", "Renewals"]));
    expect(new Set(deals.rows.map((d) => d.currency))).toEqual(new Set(["USD", "EUR", "GBP"]));
    expect(new Set(deals.rows.map((d) => d.deal_stage))).toEqual(new Set(STAGES));
    for (const deal of deals.rows) {
      expect(deal.Name).not.toBe("");
      expect(deal.target_close_date).toMatch(ISO_DATE);
      expect(deal.owner_email).toMatch(/^[a-z.]+@lumenworks\.example$/);
      expect(deal.value).toMatch(/^\d+(\.\d{2})?$/);
    }
  });

  it("links every deal and contact to an account in accounts.csv", () => {
    const accountIds = new Set(accounts.rows.map((a) => a.unique_id));
    expect(accountIds.size).toBe(manifest.jointflows.accounts);
    expect(deals.rows.every((d) => accountIds.has(d.account_unique_id))).toBe(true);
    expect(contacts.rows.every((c) => accountIds.has(c.account_unique_id))).toBe(true);
    const withoutDeals = [...accountIds].filter((id) => !deals.rows.some((d) => d.account_unique_id === id));
    expect(withoutDeals).toEqual(manifest.jointflows.accountsWithoutDeals);
  });

  it("has contacts reporting to a contact of the same account, with unique emails", () => {
    const byId = new Map(contacts.rows.map((c) => [c.contact_unique_id, c]));
    expect(contacts.rows).toHaveLength(manifest.jointflows.contacts);
    expect(new Set(contacts.rows.map((c) => c.email_address)).size).toBe(contacts.rows.length);
    for (const contact of contacts.rows.filter((c) => c.reports_to_id)) {
      expect(byId.get(contact.reports_to_id)?.account_unique_id).toBe(contact.account_unique_id);
    }
  });

  it("carries account fields on deals blank, equal to accounts.csv, or overriding it", () => {
    const accountName = new Map(accounts.rows.map((a) => [a.unique_id, a.name]));
    const overrides = new Map<string, string>();
    for (const deal of deals.rows) {
      if (deal.account_name && deal.account_name !== accountName.get(deal.account_unique_id)) {
        overrides.set(deal.account_unique_id, deal.account_name);
      }
    }
    expect([...overrides].map(([id, name]) => ({ account_unique_id: id, accounts_csv_name: accountName.get(id), deals_csv_name: name }))).toEqual(
      manifest.jointflows.inlineAccountOverrides,
    );
    expect(deals.rows.some((d) => d.account_name === "")).toBe(true);
  });

  it("includes a quoted multi-line description and non-ASCII names", () => {
    expect(deals.rows.some((d) => d.description.includes("\n"))).toBe(true);
    expect(accounts.rows.some((a) => /[^\x00-\x7f]/.test(a.name))).toBe(true);
  });
});

describe("jointflows-v2 (next snapshot) matches the manifest", () => {
  const before = new Map(parseCsv("jointflows/deals.csv").rows.map((d) => [d.deal_unique_id, d]));
  const v2 = parseCsv("jointflows-v2/deals.csv");
  const after = new Map(v2.rows.map((d) => [d.deal_unique_id, d]));
  const story = manifest.jointflowsV2;
  const rejectedIds = new Set(story.rejected.map((r) => r.deal_unique_id));

  /** dd/mm/yyyy with a day over 12 is unambiguous; the file's only non-ISO valid date. */
  const normaliseDate = (value: string) => {
    const dayFirst = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
    return dayFirst && Number(dayFirst[1]) > 12 ? `${dayFirst[3]}-${dayFirst[2]}-${dayFirst[1]}` : value;
  };

  it("adds and removes the listed deals", () => {
    expect(v2.rows).toHaveLength(story.dealRows);
    expect([...after.keys()].filter((id) => !before.has(id) && !rejectedIds.has(id))).toEqual(story.added);
    expect([...before.keys()].filter((id) => !after.has(id)).sort()).toEqual([...story.removed].sort());
  });

  it("changes exactly the listed fields", () => {
    const changed = [];
    for (const [id, old] of before) {
      const next = after.get(id);
      if (!next || rejectedIds.has(id)) continue;
      const fields: Record<string, { from: string; to: string }> = {};
      for (const column of DEAL_COLUMNS) {
        const to = column === "target_close_date" ? normaliseDate(next[column]) : next[column];
        if (old[column] !== to) fields[column] = { from: old[column], to };
      }
      if (Object.keys(fields).length) changed.push({ deal_unique_id: id, fields });
    }
    const expected = story.changed.map(({ deal_unique_id, fields }) => ({ deal_unique_id, fields }));
    const byId = (a: { deal_unique_id: string }, b: { deal_unique_id: string }) => a.deal_unique_id.localeCompare(b.deal_unique_id);
    expect(changed.sort(byId)).toEqual(expected.sort(byId));
    expect(before.size - story.removed.length - changed.length - 1).toBe(story.unchanged);
  });

  it("has the three bad rows at the listed lines", () => {
    const lines = committed("jointflows-v2/deals.csv").toString("utf8").split("\n");
    expect(story.rejected.map((r) => r.value)).toEqual(expect.arrayContaining(["03/04/2027", "", "TBD"]));
    for (const problem of story.rejected) {
      const row = after.get(problem.deal_unique_id)!;
      expect(row[problem.column]).toBe(problem.value);
      expect(lines[problem.line - 1]).toContain(`,${problem.deal_unique_id},`);
      expect(before.has(problem.deal_unique_id)).toBe(problem.existing);
    }
  });

  it("adds an account, refines one industry, and changes contacts as listed", () => {
    const accountsBefore = new Map(parseCsv("jointflows/accounts.csv").rows.map((a) => [a.unique_id, a]));
    const accountsAfter = new Map(parseCsv("jointflows-v2/accounts.csv").rows.map((a) => [a.unique_id, a]));
    expect([...accountsAfter.keys()].filter((id) => !accountsBefore.has(id))).toEqual(story.accounts.added);
    for (const { unique_id, fields } of story.accounts.changed) {
      for (const [field, { from, to }] of Object.entries(fields)) {
        expect(accountsBefore.get(unique_id)![field]).toBe(from);
        expect(accountsAfter.get(unique_id)![field]).toBe(to);
      }
    }
    const contactsBefore = new Set(parseCsv("jointflows/contacts.csv").rows.map((c) => c.contact_unique_id));
    const contactsAfter = new Set(parseCsv("jointflows-v2/contacts.csv").rows.map((c) => c.contact_unique_id));
    expect([...contactsAfter].filter((id) => !contactsBefore.has(id))).toEqual(story.contacts.added);
    expect([...contactsBefore].filter((id) => !contactsAfter.has(id))).toEqual(story.contacts.removed);
  });
});

describe("dreamdata stage objects", () => {
  const ndjson = gunzipSync(committed("dreamdata/stages.ndjson.gz"))
    .toString("utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const csv = parseCsv("dreamdata/stages.csv");

  it("has every field on every record, with a valid identity and UTC timestamps", () => {
    expect(ndjson).toHaveLength(manifest.dreamdata.stages);
    for (const stage of ndjson) {
      expect(Object.keys(stage)).toEqual([...STAGE_COLUMNS]);
      expect([stage.company_id, stage.email, stage.contact_id, stage.emails].some((v) => v !== null)).toBe(true);
      expect([stage.created_date, stage.closed_date].some((v) => v !== null)).toBe(true);
      for (const timestamp of [stage.created_date, stage.closed_date].filter((v) => v !== null)) {
        expect(timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      }
      expect(typeof stage.amount).toBe("number");
      expect(typeof stage.properties).toBe("object");
    }
    expect(Object.keys(manifest.dreamdata.currencies).sort()).toEqual(["EUR", "GBP", "USD"]);
    expect(ndjson.filter((s) => s.company_id === null)).toHaveLength(manifest.dreamdata.withoutCompanyId);
  });

  it("names the company together with the people involved on many records, the same person always with the same contact_id", () => {
    const full = ndjson.filter((s) => s.company_id !== null && s.contact_id !== null && s.email !== null);
    expect(full).toHaveLength(manifest.dreamdata.withCompanyAndContacts);
    expect(full.length).toBeGreaterThan(15);
    expect(full.some((s) => Array.isArray(s.emails) && s.emails.length > 1)).toBe(true);
    const idOfEmail = new Map<unknown, unknown>();
    for (const s of full) {
      expect(idOfEmail.get(s.email) ?? s.contact_id).toBe(s.contact_id);
      idOfEmail.set(s.email, s.contact_id);
    }
  });

  it("has the same records in stages.csv, arrays and objects as JSON text", () => {
    expect(csv.columns).toEqual([...STAGE_COLUMNS]);
    expect(
      csv.rows.map((row) => ({
        ...row,
        company_id: row.company_id || null,
        email: row.email || null,
        contact_id: row.contact_id || null,
        emails: row.emails ? JSON.parse(row.emails) : null,
        name: row.name || null,
        created_date: row.created_date || null,
        closed_date: row.closed_date || null,
        amount: Number(row.amount),
        properties: JSON.parse(row.properties),
      })),
    ).toEqual(ndjson);
  });
});

describe("jointflows-inline: deals.csv alone", () => {
  it("carries every account inline (name and url; industry where the CRM has one) and has no accounts.csv", () => {
    const { columns, rows } = parseCsv("jointflows-inline/deals.csv");
    expect(columns).toEqual([...DEAL_COLUMNS]);
    expect(rows).toHaveLength(manifest.jointflowsInline.deals);
    expect(new Set(rows.map((r) => r.account_unique_id)).size).toBe(manifest.jointflowsInline.accounts);
    for (const row of rows) expect([row.account_name, row.account_url].every((v) => v !== "")).toBe(true);
    expect(SEED_OBJECT_KEYS.filter((key) => key.startsWith("jointflows-inline/"))).toEqual(["jointflows-inline/deals.csv"]);
  });
});

describe("uploadSeedData", () => {
  it("loads every file into the demo bucket of a running S3 server", async () => {
    const credentials = { accessKeyId: "SEEDKEY", secretAccessKey: "seed-secret" };
    const server = await startS3Server({ credentials: [credentials] });
    try {
      const uploaded = await uploadSeedData({ endpoint: server.endpoint, ...credentials });
      expect(uploaded.map((u) => u.key)).toEqual([...SEED_OBJECT_KEYS]);
      // A second load (e.g. a restarted demo against a kept server) overwrites in place.
      await uploadSeedData({ endpoint: server.endpoint, ...credentials });

      const s3 = new S3Client({ endpoint: server.endpoint, region: "us-east-1", forcePathStyle: true, credentials });
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: DEMO_BUCKET, Delimiter: "/" }));
      expect(listed.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["dreamdata/", "jointflows-inline/", "jointflows-v2/", "jointflows/"]);
      const deals = await s3.send(new GetObjectCommand({ Bucket: DEMO_BUCKET, Key: "jointflows/deals.csv" }));
      expect(deals.ContentType).toBe("text/csv; charset=utf-8");
      expect(Buffer.from(await deals.Body!.transformToByteArray()).equals(committed("jointflows/deals.csv"))).toBe(true);
      const stages = await s3.send(new GetObjectCommand({ Bucket: DEMO_BUCKET, Key: "dreamdata/stages.ndjson.gz" }));
      expect(stages.ContentType).toBe("application/gzip");
      expect(stages.ETag).toBe(uploaded.find((u) => u.key === "dreamdata/stages.ndjson.gz")?.etag);
      s3.destroy();
    } finally {
      await server.stop();
    }
  });
});

// Staging for one import run: session-local temporary tables on the run's own connection,
// filled with COPY. Nothing here is visible to other sessions, so a run that fails or is
// cancelled while reading leaves the live tables exactly as they were.
import "server-only";
import type pg from "pg";
import { copyFromText, copyText } from "@/lib/db/copy-from-stdin";
import { contentHash, type CanonicalAccount, type CanonicalContact, type CanonicalDeal } from "./canonical";
import type { RecordKind } from "./import-reader";

const TABLES = `
create temp table import_deal (
  seq bigint not null, external_id text not null, name text not null, stage text, pipeline text, owner text,
  amount_minor bigint, currency text, amount_base_minor bigint, close_date date, source_created_at timestamp, account_external_id text,
  properties jsonb not null, content_hash text not null, file text not null, line int not null,
  rate_to_base text, base_currency text);
create temp table import_deal_account (
  seq bigint not null, external_id text not null, name text, url text, industry text, file text not null, line int not null);
create temp table import_account (
  seq bigint not null, external_id text not null, name text not null, url text, industry text,
  properties jsonb not null, file text not null, line int not null);
create temp table import_contact (
  seq bigint not null, external_id text not null, account_external_id text, first_name text, last_name text, email text,
  role text, phone text, linkedin_url text, reports_to_external_id text, is_primary boolean, properties jsonb not null,
  content_hash text not null, file text not null, line int not null);
create temp table import_rejected (kind text not null, external_id text not null);
`;

const DROP = "drop table if exists import_deal, import_deal_account, import_account, import_contact, import_rejected";

const TABLE_OF: Record<RecordKind, string> = { deals: "import_deal", accounts: "import_account", contacts: "import_contact" };
/** The staged tables whose ids may repeat: each gets an <table>_repeated list in finish(). */
export const REPEATED_TABLES = Object.values(TABLE_OF);

/** A staged row whose id an earlier staged row of the same file had (the parser left the repeat in). */
export interface RepeatedId {
  file: string;
  line: number;
  externalId: string;
  /** The line of the id's previous row. */
  earlier: number;
  /** The id column's header as written. */
  idColumn: string;
}

// One COPY per this many bytes of a table's rows: big enough that per-statement cost vanishes,
// small enough to keep memory flat. Rows are encoded into these chunks as they are staged, so
// no row text outlives its batch (strings kept across batches would pile up in the old heap).
const CHUNK_BYTES = 4 * 1024 * 1024;

interface OpenChunk {
  bytes: Buffer;
  used: number;
}

export interface StagedDeal {
  deal: CanonicalDeal;
  /** Amount in the base currency; null when there is no rate. */
  amountBaseMinor: bigint | null;
  /** The rate that gave it (base units per unit of the deal's currency) and the base currency; null: no amount or no rate. */
  rateToBase: string | null;
  baseCurrency: string | null;
}

export class StagingTables {
  private seq = 0;
  private readonly open = new Map<string, OpenChunk>();
  /** Full chunks waiting for their COPY, in the order they filled. */
  private readonly full: { table: string; chunk: OpenChunk }[] = [];
  /** Chunks whose COPY has landed, to fill again: a few buffers for the whole run, not one per 4 MB staged. */
  private readonly spare: Buffer[] = [];
  /** The COPY loading on the server while the next batches are parsed (one at a time per connection). */
  private inFlight: Promise<void> = Promise.resolve();
  /** Time the server spent on staging COPYs, overlapped with parsing. */
  copyMs = 0;
  /** The row being encoded, a value per column (reused: one array per run, not per row). */
  private readonly fields: string[] = [];
  /** Records staged per kind (after in-batch de-duplication, before cross-batch). */
  readonly staged: Record<RecordKind, number> = { deals: 0, accounts: 0, contacts: 0 };

  /** Per kind, the files whose parser left repeated ids in, and their id column's header. */
  private readonly repeatsToFind = new Map<RecordKind, Map<string, string>>();

  private constructor(private readonly client: pg.Client) {}

  static async create(client: pg.Client): Promise<StagingTables> {
    await client.query(DROP);
    await client.query(TABLES);
    return new StagingTables(client);
  }

  async addDeals(rows: StagedDeal[]) {
    for (const { deal, amountBaseMinor, rateToBase, baseCurrency } of rows) {
      const seq = ++this.seq;
      this.push(
        "import_deal",
        [
          seq,
          deal.externalId,
          deal.name,
          deal.stage,
          deal.pipeline,
          deal.owner,
          deal.amountMinor,
          deal.currency,
          amountBaseMinor,
          deal.closeDate,
          deal.sourceCreatedAt ?? null,
          deal.accountExternalId,
          JSON.stringify(deal.properties),
          contentHash(deal),
          deal.file,
          deal.line,
          rateToBase,
          baseCurrency,
        ],
      );
      const account = deal.account;
      if (account) this.push("import_deal_account", [seq, account.externalId, account.name, account.url, account.industry, deal.file, deal.line]);
      if (deal.contacts) this.pushContacts(deal.contacts);
    }
    this.staged.deals += rows.length;
    await this.flushFull();
  }

  async addAccounts(accounts: CanonicalAccount[]) {
    for (const a of accounts) {
      this.push("import_account", [++this.seq, a.externalId, a.name, a.url, a.industry, JSON.stringify(a.properties), a.file, a.line]);
    }
    this.staged.accounts += accounts.length;
    await this.flushFull();
  }

  async addContacts(contacts: CanonicalContact[]) {
    this.pushContacts(contacts);
    this.staged.contacts += contacts.length;
    await this.flushFull();
  }

  private pushContacts(contacts: CanonicalContact[]) {
    for (const c of contacts) {
      this.push("import_contact", [
        ++this.seq,
        c.externalId,
        c.accountExternalId,
        c.firstName,
        c.lastName,
        c.email,
        c.role,
        c.phone,
        c.linkedinUrl,
        c.reportsToExternalId,
        c.isPrimary ?? null,
        JSON.stringify(c.properties),
        contentHash(c),
        c.file,
        c.line,
      ]);
    }
  }

  async addRejected(kind: RecordKind, externalIds: string[]) {
    for (const id of externalIds) this.push("import_rejected", [kind, id]);
    await this.flushFull();
  }

  /**
   * Writes everything buffered, indexes the tables (built once after the load, cheaper than
   * maintained during COPY), refreshes planner statistics (temp tables are never auto-analyzed)
   * and lists the ids staged more than once (<table>_repeated), so that finding and dropping
   * repeats costs one pass, and nothing more when, as usual, there are none.
   * The indexes keep the anti-joins of the removal step linear whatever plan the live tables' stale
   * statistics suggest in the middle of a big transaction.
   */
  async finish() {
    for (const [table, chunk] of this.open) if (chunk.used > 0) this.full.push({ table, chunk });
    this.open.clear();
    await this.flushFull();
    await this.inFlight;
    await this.client.query(`
      create index on import_deal (external_id); create unique index on import_deal (seq);
      create index on import_account (external_id); create index on import_contact (external_id);
      create index on import_rejected (kind, external_id);
      analyze import_deal; analyze import_deal_account; analyze import_account; analyze import_contact; analyze import_rejected;
      ${REPEATED_TABLES.map((t) => `drop table if exists ${t}_repeated; create temp table ${t}_repeated as select external_id from ${t} group by 1 having count(*) > 1;`).join("\n")}`);
  }

  /** The file's rows may repeat an id (its parser kept them): repeatedIds finds them once it is staged. */
  findRepeatsOf(kind: RecordKind, file: string, idColumn: string) {
    const files = this.repeatsToFind.get(kind) ?? new Map<string, string>();
    files.set(file, idColumn);
    this.repeatsToFind.set(kind, files);
  }

  /**
   * After finish(): every staged row whose id an earlier row of its file had, with that row's
   * line, in file order, a page at a time (a cursor: however many repeats, memory stays flat).
   */
  async *repeatedIds(): AsyncGenerator<{ kind: RecordKind; repeats: RepeatedId[] }> {
    for (const [kind, files] of this.repeatsToFind) {
      const table = TABLE_OF[kind];
      const inFiles = `file in (${[...files.keys()].map((f) => this.client.escapeLiteral(f)).join(", ")})`;
      await this.client.query(`
        declare import_repeats no scroll cursor with hold for
        select file, line, external_id, earlier from (
          select seq, file, line, external_id, lag(line) over (partition by file collate "C", external_id collate "C" order by seq) as earlier
          from ${table}
          where ${inFiles} and external_id in (select external_id from ${table}_repeated)
        ) r
        where earlier is not null order by seq`);
      try {
        for (;;) {
          const page = await this.client.query<{ file: string; line: number; external_id: string; earlier: number }>(`fetch 2000 from import_repeats`);
          if (page.rows.length === 0) break;
          yield { kind, repeats: page.rows.map((r) => ({ file: r.file, line: r.line, externalId: r.external_id, earlier: r.earlier, idColumn: files.get(r.file)! })) };
        }
      } finally {
        await this.client.query(`close import_repeats`);
      }
    }
  }

  async drop() {
    await this.client.query(DROP);
  }

  private push(table: string, values: (string | number | bigint | boolean | null)[]) {
    // One join per row (a concatenation per value left a rope of strings to flatten and collect).
    const fields = this.fields;
    fields.length = values.length;
    for (let i = 0; i < values.length; i++) fields[i] = copyText(values[i]);
    const line = fields.join("\t");
    // UTF-8 takes at most 3 bytes per UTF-16 unit: with that much room the row fits, without measuring it.
    const room = line.length * 3 + 1;
    let chunk = this.open.get(table);
    if (chunk && chunk.used + room > chunk.bytes.length) {
      this.full.push({ table, chunk });
      chunk = undefined;
    }
    if (!chunk) {
      chunk = { bytes: (room <= CHUNK_BYTES && this.spare.pop()) || Buffer.allocUnsafe(Math.max(CHUNK_BYTES, room)), used: 0 };
      this.open.set(table, chunk);
    }
    chunk.used += chunk.bytes.write(line, chunk.used);
    chunk.bytes[chunk.used++] = 0x0a; // \n
  }

  private async flushFull() {
    while (this.full.length > 0) await this.copy(this.full.shift()!);
  }

  private async copy({ table, chunk }: { table: string; chunk: OpenChunk }) {
    // The previous COPY must have landed (and its error surfaces here); this one loads while the caller parses on.
    await this.inFlight;
    const started = performance.now();
    const copy = copyFromText(this.client, `copy ${table} from stdin`, chunk.bytes.subarray(0, chunk.used)).then(() => {
      this.copyMs += performance.now() - started;
      // The server has read all of it (it answered), so the buffer can be filled again.
      if (chunk.bytes.length === CHUNK_BYTES) this.spare.push(chunk.bytes);
    });
    copy.catch(() => {}); // observed by the next copy or by finish()
    this.inFlight = copy;
  }
}

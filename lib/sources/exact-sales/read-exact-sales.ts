// Reads an Exact Sales account as import events — canonical rows in batches, the same
// stream a file import produces — so runImport stages, diffs and applies a pull exactly
// like a file (lib/imports/import-reader.ts).
//
// Order of reads: the reference tables (funnels and their stages, sellers), the discards
// (Leads Descartados: replicated whole, "Integral"), then the leads and what decides each
// lead's outcome (sales, custom field values) — mapped and handed on page by page — and
// last the persons (contacts), whose accounts are the leads. A full pull lists every table
// and is a snapshot. An incremental pull reads the leads in the update window plus the
// leads that changed without their updateDate moving: a sale dated in the window (Leads
// vendidos, by saleDate), a discard dated in it, a contact updated in it (each table by its
// own window, as the connector replicates them: docs/contracts/exact-sales.md); then those leads' related records.
import "server-only";
import type pg from "pg";
import type { JsonValue, Properties } from "@/lib/imports/canonical";
import type { FileRead, ImportEvent, ImportReadContext, ImportReader, RecordKind } from "@/lib/imports/import-reader";
import { fileProblem, rowProblem, type ImportProblem } from "@/lib/imports/parse/problems";
import type { ExactSalesPullMode } from "./config";
import { ExactSalesError, type ExactSalesClient, type RejectedRecord, type ValidatedPage } from "./exact-sales-client";
import { mapLead, mapPerson, EXACT_SALES_FILES, type ExactCatalog, type ExactMoneySettings, type LeadOutcome } from "./map-exact-sales";
import type { ExactEntitySet, ExactLeadRecord, ExactLostRecord } from "./records";
import { parseExactTimestamp } from "./timestamps";
import { nextSavepoint, updateWindowFilter, type UpdateWindow } from "./update-window";

export type ExactSalesReaderOptions = {
  /** Built per read, with the run's cancel signal. */
  createClient: (signal: AbortSignal) => ExactSalesClient;
  /** The source whose savepoint a successful run moves. */
  sourceId: string;
  /** For the run page: where each table was read from. */
  baseUrl: string;
  mode: ExactSalesPullMode;
  /** The source's savepoint when the run started. */
  savepoint: Date | null;
  /** Incremental only; null reads every lead (an incremental source's first pull). */
  window: UpdateWindow | null;
  /** The account currency, and the custom field (if any) that holds open leads' value. */
  money: ExactMoneySettings;
};

/** Lead ids per `or` filter: ~40 × "leadId eq 51430001 or " keeps URLs near 1 KB. */
const LEAD_IDS_PER_FILTER = 40;
/** Past this many leads in a window, listing a related table whole costs fewer requests than filtering by id. */
const MAX_LEADS_FILTERED_BY_ID = 2_000;

const RELATED_KINDS: RecordKind[] = ["deals", "accounts", "contacts"];

export class ExactSalesReader implements ImportReader {
  /** Amounts come in one account currency; a missing rate must not drop a won deal. */
  readonly missingRate = "keep" as const;
  /** The newest lead updateDate seen: the next savepoint, once the run has succeeded. */
  newestUpdateDate: Date | null = null;
  /** The savepoint the source holds after the run: moved by onApply, unchanged when the run fails. */
  savepointAfter: Date | null;
  /** Requests made by the last read (for the run summary and the benchmark). */
  requests = 0;
  private readStartedAt = new Date();
  private client!: ExactSalesClient;
  private leadsRead = 0;
  private leadsTotal: number | null = null;
  private personsRead = 0;
  private readonly rowsRead = new Map<ExactEntitySet, number>();

  constructor(readonly options: ExactSalesReaderOptions) {
    this.savepointAfter = options.savepoint;
  }

  async *read(context: ImportReadContext): AsyncGenerator<ImportEvent> {
    this.readStartedAt = new Date();
    this.client = this.options.createClient(context.signal);
    try {
      // Declared first: a full pull replaces everything the source had; an incremental one only adds and updates.
      const mode = this.options.mode === "full" ? "snapshot" : "partial";
      for (const kind of RELATED_KINDS) yield { type: "scope", kind, mode };

      const problems: ImportProblem[] = [];
      // "reading" names what is being read in progress and in a failure's message.
      yield { type: "reading", file: "Funnels, Stages, SalesReps", totalBytes: null };
      const catalog = await this.readCatalog(problems);
      yield { type: "reading", file: "Losts", totalBytes: null };
      const losts = await this.readLosts(problems);
      const accepted = new Set<number>();
      if (this.options.mode === "full") {
        yield { type: "reading", file: "LeadsSold, LeadsCustomFields", totalBytes: null };
        const outcomes = await this.readOutcomes(null, losts, problems);
        yield { type: "reading", file: EXACT_SALES_FILES.leads, totalBytes: null };
        yield* this.mapLeads(this.list("Leads", undefined, { count: true }), catalog, outcomes, accepted, problems);
      } else {
        yield { type: "reading", file: EXACT_SALES_FILES.leads, totalBytes: null };
        const window = this.options.window;
        const leadPages: ValidatedPage<"Leads">[] = [];
        for await (const page of this.list("Leads", undefined, { filter: window ? updateWindowFilter(window) : undefined, count: true })) leadPages.push(page);
        // Without a window every lead was read: whole related tables cost fewer requests than filters by id.
        let leadIds: number[] | null = null;
        if (window) {
          const inWindow = new Set(leadPages.flatMap((page) => page.records.map((lead: ExactLeadRecord) => lead.id)));
          yield { type: "reading", file: "LeadsSold, Persons (changes in the window)", totalBytes: null };
          const changedElsewhere = [...(await this.leadsChangedInWindow(window, losts, problems))].filter((id) => !inWindow.has(id));
          for await (const page of this.listForLeads("Leads", changedElsewhere, undefined, "id")) leadPages.push(page);
          leadIds = [...new Set(leadPages.flatMap((page) => page.records.map((lead: ExactLeadRecord) => lead.id)))];
        }
        yield { type: "reading", file: "LeadsSold, LeadsCustomFields", totalBytes: null };
        const outcomes = await this.readOutcomes(leadIds, losts, problems);
        yield* this.mapLeads(iterate(leadPages), catalog, outcomes, accepted, problems);
      }
      yield { type: "reading", file: EXACT_SALES_FILES.persons, totalBytes: null };
      const everyLead = this.options.mode === "full" || !this.options.window;
      yield* this.mapPersons(everyLead ? this.list("Persons") : this.listForLeads("Persons", [...accepted]), accepted);
      for (const [entitySet, rows] of this.rowsRead) yield { type: "file", file: this.fileRead(entitySet, rows) };
    } finally {
      this.requests = this.client.stats.requests;
    }
  }

  describeRead(): string {
    const window = this.options.window ? `, window ${this.options.window.from.toISOString()} … ${this.options.window.to.toISOString()}` : "";
    const iso = (date: Date | null) => date?.toISOString() ?? "none";
    return `${this.options.mode} pull${window}, ${this.requests} requests; savepoint ${iso(this.options.savepoint)} → ${iso(this.savepointAfter)}`;
  }

  /** In the run's apply transaction: the savepoint moves with the data, or not at all. */
  async onApply(client: pg.Client): Promise<void> {
    const next = nextSavepoint(this.options.savepoint, this.newestUpdateDate, this.options.window, this.readStartedAt);
    if (!next || next === this.options.savepoint) return;
    // Forward only: a pull that read an older state must never move it back.
    await client.query(`update "Source" set savepoint = $2 where id = $1 and (savepoint is null or savepoint < $2)`, [this.options.sourceId, next]);
    this.savepointAfter = next;
  }

  /**
   * Only the window's own leads move the savepoint: a lead read for a sale or contact in the
   * window may have been updated after the window, and leads updated in between would be skipped.
   */
  private movesSavepoint(updatedAt: Date): boolean {
    const window = this.options.mode === "incremental" ? this.options.window : null;
    if (window && (updatedAt < window.from || updatedAt > window.to)) return false;
    return !this.newestUpdateDate || updatedAt > this.newestUpdateDate;
  }

  private async readCatalog(problems: ImportProblem[]): Promise<ExactCatalog> {
    const catalog: ExactCatalog = { funnels: new Map(), sellerEmails: new Map() };
    for await (const page of this.list("Funnels", problems)) {
      for (const funnel of page.records) catalog.funnels.set(funnel.id, { id: funnel.id, name: funnel.value.trim(), stages: [] });
    }
    // The API lists stages per funnel (Stages?$filter=funnelId eq N).
    for (const funnel of catalog.funnels.values()) {
      for await (const page of this.list("Stages", problems, { filter: `funnelId eq ${funnel.id}` })) {
        for (const stage of page.records) funnel.stages.push({ id: stage.id, name: stage.value.trim(), position: stage.position });
      }
      funnel.stages.sort((a, b) => a.position - b.position);
    }
    try {
      for await (const page of this.list("SalesReps", problems)) {
        for (const seller of page.records) {
          const email = seller.email?.trim().toLowerCase();
          if (email) catalog.sellerEmails!.set(seller.id, email);
        }
      }
    } catch (error) {
      // The endpoint's name is a guess (no vendor page names it): its absence must not fail a pull.
      if (!(error instanceof ExactSalesError && error.httpStatus === 404)) throw error;
      catalog.sellerEmails = null;
      problems.push(
        fileProblem("SalesReps", "unreadable_file", "The account has no sellers list (GET /SalesReps answered 404); owners come from each lead's salesRep e-mail only", {
          severity: "warning",
        }),
      );
    }
    return catalog;
  }

  /** Leads Descartados, whole: the connector replicates it "Integral", and it has no key to filter or page by. */
  private async readLosts(problems: ImportProblem[]): Promise<ExactLostRecord[]> {
    const losts: ExactLostRecord[] = [];
    for await (const page of this.list("Losts", problems)) losts.push(...page.records);
    return losts;
  }

  /**
   * Leads whose outcome or contacts changed inside the window although their own updateDate
   * did not move: a sale dated in it, a discard dated in it, a contact updated in it.
   */
  private async leadsChangedInWindow(window: UpdateWindow, losts: ExactLostRecord[], problems: ImportProblem[]): Promise<Set<number>> {
    const changed = new Set<number>();
    for (const lost of losts) {
      const at = lost.date ? parseExactTimestamp(lost.date) : null;
      if (at && at >= window.from && at <= window.to) changed.add(lost.leadId);
    }
    for await (const page of this.list("LeadsSold", problems, { filter: updateWindowFilter(window, "saleDate") })) {
      for (const sale of page.records) changed.add(sale.leadId);
    }
    try {
      for await (const page of this.list("Persons", problems, { filter: updateWindowFilter(window, "updateDate") })) {
        for (const person of page.records) changed.add(person.leadId);
      }
    } catch (error) {
      // Persons' updateDate comes from recorded responses, not from the connector documentation: an account that
      // cannot filter on it still pulls; contacts then follow their lead's window.
      if (!(error instanceof ExactSalesError && error.failure === "rejected_request")) throw error;
      problems.push(
        fileProblem("Persons", "unreadable_file", `Contacts could not be read by their own update window (${error.message}); contacts changed without their lead are picked up when the lead is`, {
          severity: "warning",
        }),
      );
    }
    return changed;
  }

  /** Sales, discards and custom field values per lead: for every lead (leadIds null) or for these. */
  private async readOutcomes(leadIds: number[] | null, losts: ExactLostRecord[], problems: ImportProblem[]): Promise<Map<number, LeadOutcome>> {
    const outcomes = new Map<number, LeadOutcome>();
    const outcomeOf = (leadId: number) => {
      let outcome = outcomes.get(leadId);
      if (!outcome) outcomes.set(leadId, (outcome = {}));
      return outcome;
    };
    const related = <Set extends "LeadsSold" | "LeadsCustomFields">(entitySet: Set) =>
      leadIds === null ? this.list(entitySet, problems) : this.listForLeads(entitySet, leadIds, problems);

    for await (const page of related("LeadsSold")) {
      for (const sale of page.records) {
        const outcome = outcomeOf(sale.leadId);
        // A lead sold again in a later cycle: the latest sale is the deal's outcome.
        if (!outcome.sale || isLater(sale.saleDate, outcome.sale.saleDate)) outcome.sale = sale;
      }
    }
    const wanted = leadIds === null ? null : new Set(leadIds);
    for (const lost of losts) {
      if (wanted && !wanted.has(lost.leadId)) continue;
      const outcome = outcomeOf(lost.leadId);
      if (!outcome.lost || isLater(lost.date, outcome.lost.date)) outcome.lost = lost;
    }
    for await (const page of related("LeadsCustomFields")) {
      for (const field of page.records) {
        const outcome = outcomeOf(field.leadId);
        (outcome.customFields ??= {} as Properties)[field.id] = field.value as JsonValue;
      }
    }
    return outcomes;
  }

  private async *mapLeads(
    pages: AsyncIterable<ValidatedPage<"Leads">>,
    catalog: ExactCatalog,
    outcomes: Map<number, LeadOutcome>,
    accepted: Set<number>,
    pending: ImportProblem[],
  ): AsyncGenerator<ImportEvent> {
    const seen = new Set<number>();
    for await (const page of pages) {
      this.leadsTotal = page.total ?? this.leadsTotal;
      const problems = [...pending.splice(0), ...page.rejected.map(problemOf)];
      const rejectedIds = page.rejected.flatMap((rejected) => (rejected.recordId ? [rejected.recordId] : []));
      const deals: ImportEvent & { type: "deals" } = { type: "deals", records: [], problems, rejectedIds };
      const accounts: ImportEvent & { type: "accounts" } = { type: "accounts", records: [], problems: [], rejectedIds };
      for (const [index, lead] of page.records.entries()) {
        const line = this.leadsRead + index + 1;
        if (seen.has(lead.id)) {
          // Pages shifted under us (a lead moved while we paged): the copy already mapped is kept.
          problems.push(rowProblem(EXACT_SALES_FILES.leads, line, "duplicate_id", `Lead ${lead.id} was listed twice; the first copy was kept`, { severity: "warning", column: "id" }));
          continue;
        }
        seen.add(lead.id);
        const mapped = mapLead(lead, line, catalog, outcomes.get(lead.id) ?? {}, this.options.money);
        problems.push(...mapped.problems);
        if (mapped.updatedAt && this.movesSavepoint(mapped.updatedAt)) this.newestUpdateDate = mapped.updatedAt;
        if (!mapped.deal || !mapped.account) {
          rejectedIds.push(String(lead.id));
          continue;
        }
        accepted.add(lead.id);
        deals.records.push(mapped.deal);
        accounts.records.push(mapped.account);
      }
      this.leadsRead += page.records.length + page.rejected.length;
      deals.progress = { file: EXACT_SALES_FILES.leads, bytesRead: this.leadsRead, totalBytes: this.leadsTotal };
      // Accounts first: the deals of this page point at them.
      yield accounts;
      yield deals;
    }
    if (pending.length) yield { type: "problems", problems: pending.splice(0) };
  }

  private async *mapPersons(pages: AsyncIterable<ValidatedPage<"Persons">>, acceptedLeads: Set<number>): AsyncGenerator<ImportEvent> {
    const seen = new Set<number>();
    const mainContactOf = new Map<number, number>();
    for await (const page of pages) {
      const event: ImportEvent & { type: "contacts" } = {
        type: "contacts",
        records: [],
        problems: page.rejected.map(problemOf),
        rejectedIds: page.rejected.flatMap((rejected) => (rejected.recordId ? [rejected.recordId] : [])),
      };
      for (const [index, person] of page.records.entries()) {
        const line = this.personsRead + index + 1;
        const warn = (column: string, code: "duplicate_id" | "missing_reference", message: string) =>
          event.problems.push(rowProblem(EXACT_SALES_FILES.persons, line, code, message, { severity: "warning", column }));
        if (seen.has(person.id)) {
          warn("id", "duplicate_id", `Person ${person.id} was listed twice; the first copy was kept`);
          continue;
        }
        seen.add(person.id);
        if (!acceptedLeads.has(person.leadId)) {
          warn("leadId", "missing_reference", `Person ${person.id} belongs to lead ${person.leadId}, which this pull did not import; the contact was skipped`);
          continue;
        }
        const mapped = mapPerson(person, line);
        if (person.mainContact) {
          const other = mainContactOf.get(person.leadId);
          if (other !== undefined) {
            warn("mainContact", "duplicate_id", `Lead ${person.leadId} has more than one main contact (persons ${other} and ${person.id}); ${other} stays the main one`);
            mapped.contact.isPrimary = false;
          } else {
            mainContactOf.set(person.leadId, person.id);
          }
        }
        event.problems.push(...mapped.problems);
        event.records.push(mapped.contact);
      }
      this.personsRead += page.records.length + page.rejected.length;
      event.progress = { file: EXACT_SALES_FILES.persons, bytesRead: this.personsRead, totalBytes: null };
      yield event;
    }
  }

  /**
   * Every record of a table, counted for the run page. With `problems`, rejected records
   * are reported there (reference tables); without, they stay on the page for the caller.
   */
  private async *list<Set extends ExactEntitySet>(
    entitySet: Set,
    problems?: ImportProblem[],
    query: { filter?: string; count?: boolean } = {},
  ): AsyncGenerator<ValidatedPage<Set>> {
    for await (const page of this.client.listAll(entitySet, query)) {
      this.rowsRead.set(entitySet, (this.rowsRead.get(entitySet) ?? 0) + page.records.length + page.rejected.length);
      if (!problems) {
        yield page;
        continue;
      }
      problems.push(...page.rejected.map(problemOf));
      yield { ...page, rejected: [] };
    }
  }

  /** The records of a table that belong to these leads (`key`: the field holding the lead id). */
  private async *listForLeads<Set extends "Leads" | "Persons" | "LeadsSold" | "LeadsCustomFields">(
    entitySet: Set,
    leadIds: number[],
    problems?: ImportProblem[],
    key: "leadId" | "id" = "leadId",
  ): AsyncGenerator<ValidatedPage<Set>> {
    if (leadIds.length === 0) return;
    if (leadIds.length > MAX_LEADS_FILTERED_BY_ID) {
      const wanted = new Set(leadIds);
      for await (const page of this.list(entitySet, problems)) {
        yield { ...page, records: page.records.filter((record) => wanted.has((record as Record<typeof key, number>)[key])) };
      }
      return;
    }
    for (let start = 0; start < leadIds.length; start += LEAD_IDS_PER_FILTER) {
      const filter = leadIds
        .slice(start, start + LEAD_IDS_PER_FILTER)
        .map((id) => `${key} eq ${id}`)
        .join(" or ");
      yield* this.list(entitySet, problems, { filter });
    }
  }

  private fileRead(entitySet: ExactEntitySet, rows: number): FileRead {
    const kind: RecordKind | null = entitySet === "Leads" ? "deals" : entitySet === "Persons" ? "contacts" : null;
    return { name: entitySet, key: `${this.options.baseUrl}/${entitySet}`, etag: null, size: null, lastModified: null, status: "imported", kind, rows };
  }
}

async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

/** A record that failed its schema, as an import problem: the record was not imported. */
function problemOf(rejected: RejectedRecord): ImportProblem {
  return rowProblem(rejected.entitySet, rejected.ordinal, "invalid_value", rejected.message, { column: rejected.field, excerpt: rejected.excerpt });
}

/** True when `a` is a later instant than `b`; unreadable dates never win over readable ones. */
function isLater(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = a ? parseExactTimestamp(a) : null;
  const right = b ? parseExactTimestamp(b) : null;
  return left !== null && (right === null || left > right);
}

// A deal's timeline (its kind filter applied) as CSV lines, newest first, read a page at a
// time so memory stays flat. One line per changed field of an import, one per other event.
// Cells are formula-neutralised by csvRow: values are whatever the source files said.
import "server-only";
import { csvRow } from "@/lib/csv/csv-row";
import { minorToDecimalString } from "@/lib/currency/money";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { listDealTimeline, timelineQuerySchema, type TimelineEvent, type TimelineMoney } from "./deal-timeline";

const BATCH = 500;

export const TIMELINE_CSV_HEADER = [
  "at_utc", "kind", "run", "source_or_destination", "what", "file", "line", "field", "before", "after",
  "amount_base", "base_currency", "rate_to_base", "external_id", "record_url", "payload", "response", "error", "actor", "comment",
];

const json = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
const moneyCells = (m: TimelineMoney) => [
  m.amountBaseMinor === null || !m.baseCurrency ? null : minorToDecimalString(m.amountBaseMinor, m.baseCurrency),
  m.baseCurrency,
  m.rateToBase,
];

function rows(e: TimelineEvent): (string | number | null)[][] {
  const at = e.at.toISOString();
  if (e.kind === "import") {
    const run = e.run.rollbackOfNumber === null ? `#${e.run.number}` : `#${e.run.number} (rollback of #${e.run.rollbackOfNumber})`;
    const common = (field: string | null, before: unknown, after: unknown) => [
      at, "import", run, e.run.sourceName, e.change, e.file, e.line, field, json(before), json(after), ...moneyCells(e.money),
      null, null, null, null, null, null, e.mayDifferAt.length ? `values at ${e.mayDifferAt.join("; ")} may now differ` : null,
    ];
    return e.fields.length ? e.fields.map((f) => common(f.field, f.before, f.after)) : [common(null, null, null)];
  }
  if (e.kind === "review") {
    return [[at, "review", `#${e.run.number}`, e.run.sourceName, e.action, null, null, null, null, null, null, null, null, null, null, null, null, null, e.actorEmail, e.comment]];
  }
  return [[
    at, "push", e.run.id, e.destination.name, [e.state, e.action].filter(Boolean).join(" "), null, null, null, null, null, ...moneyCells(e.money),
    e.externalId, e.record?.url ?? null, json(e.payload), json(e.response), e.error, null, null,
  ]];
}

/**
 * Checks the deal and the filter first (a 404 or 422 before the first byte, not inside the
 * stream), then returns the lines.
 */
export async function exportDealTimelineCsv(dealId: string, input: { kinds?: unknown }, db: Db = getDb()): Promise<AsyncGenerator<string>> {
  const { kinds } = timelineQuerySchema.pick({ kinds: true }).parse(input);
  if (!(await db.deal.findUnique({ where: { id: dealId }, select: { id: true } }))) throw new AppError("not_found", `No deal with id ${dealId}`);
  return (async function* () {
    yield csvRow(TIMELINE_CSV_HEADER);
    let after: string | undefined;
    do {
      const page = await listDealTimeline(dealId, { kinds, after, limit: BATCH }, db);
      for (const event of page.events) for (const row of rows(event)) yield csvRow(row);
      after = page.nextCursor ?? undefined;
    } while (after);
  })();
}

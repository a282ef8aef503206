// The current filter and sort as a CSV download, read page by page through the same keyset
// query as the table so memory stays flat at any size. Cells are formula-neutralised by the
// CSV writer: deal and account names are whatever the source files said.
import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { minorToDecimalString } from "@/lib/currency/money";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { toCsvStream, type CsvColumnSpec } from "@/lib/imports/parse/csv-writer";
import type { DealFilter } from "./deal-filter";
import type { DealSort } from "./deal-sort";
import { listDeals, type DealListRow } from "./list-deals";

const BATCH = 1000;

const money = (minor: bigint | null, currency: string | null) => (minor === null || !currency ? null : minorToDecimalString(minor, currency));

function columns(baseCurrency: string): CsvColumnSpec<DealListRow>[] {
  return [
    "id",
    { header: "external_id", value: (d) => d.externalId },
    "name",
    { header: "account", value: (d) => d.account?.name },
    "stage",
    "pipeline",
    "owner",
    { header: "amount", value: (d) => money(d.amountMinor, d.currency) },
    "currency",
    { header: `amount_${baseCurrency.toLowerCase()}`, value: (d) => money(d.amountBaseMinor, baseCurrency) },
    { header: "close_date", value: (d) => d.closeDate?.toISOString().slice(0, 10) },
    { header: "source", value: (d) => d.source.name },
    { header: "last_import_status", value: (d) => d.lastImportStatus },
    { header: "removed_at", value: (d) => d.removedAt },
    { header: "pushed_to", value: (d) => d.links.map((l) => l.destination.name).join("; ") },
  ];
}

async function* allMatching(filter: DealFilter, sort: DealSort, db: Db): AsyncGenerator<DealListRow> {
  let after: string | undefined;
  do {
    const page = await listDeals({ filter, ...sort, limit: BATCH, after }, db);
    yield* page.rows;
    after = page.nextCursor ?? undefined;
  } while (after);
}

export async function* exportDealsCsv(filter: DealFilter, sort: DealSort, db: Db = getDb()): AsyncGenerator<string> {
  const baseCurrency = await getBaseCurrency(db);
  yield* toCsvStream(allMatching(filter, sort, db), columns(baseCurrency), { bom: true });
}

import "server-only";
import { getDb } from "@/lib/db/client";
import { getBaseCurrency } from "./get-base-currency";
import { decimalToRate } from "./rate";
import { buildRateTable, type RateTable } from "./rate-table";

/**
 * Every stored rate plus the base currency, as an in-memory table for converting many
 * amounts (a whole import or deal list) without a query per amount.
 */
export async function loadRates(filter: { currencies?: string[] } = {}): Promise<RateTable> {
  const db = getDb();
  const [base, rows] = await Promise.all([
    getBaseCurrency(db),
    db.exchangeRate.findMany({
      where: filter.currencies ? { currency: { in: filter.currencies.map((c) => c.toUpperCase()) } } : undefined,
      select: { currency: true, rateToBase: true, validFrom: true },
    }),
  ]);
  return buildRateTable(
    rows.map((r) => ({ currency: r.currency, validFrom: r.validFrom, rateToBase: decimalToRate(r.rateToBase) })),
    base,
  );
}

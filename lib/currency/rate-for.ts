import "server-only";
import { getDb } from "@/lib/db/client";
import { findCurrency } from "./currency-code";
import { getBaseCurrency } from "./get-base-currency";
import { dayToDate } from "./iso-day";
import { decimalToRate } from "./rate";
import { buildRateTable, toIsoDate, type RateLookup } from "./rate-table";

/** The rate for one currency on one date (latest on or before it), or a typed "no rate". */
export async function rateFor(currency: string, date: string | Date): Promise<RateLookup> {
  const db = getDb();
  const base = await getBaseCurrency(db);
  const code = findCurrency(currency)?.code;
  const rows =
    code && code !== base
      ? await db.exchangeRate.findMany({
          where: { currency: code, validFrom: { lte: dayToDate(toIsoDate(date)) } },
          orderBy: { validFrom: "desc" },
          take: 1,
          select: { currency: true, rateToBase: true, validFrom: true },
        })
      : [];
  // The same rule as the in-memory table, so both paths agree (and "no rate" reads the same).
  const earliest =
    code && code !== base && rows.length === 0
      ? await db.exchangeRate.findFirst({ where: { currency: code }, orderBy: { validFrom: "asc" }, select: { currency: true, rateToBase: true, validFrom: true } })
      : null;
  return buildRateTable(
    [...rows, ...(earliest ? [earliest] : [])].map((r) => ({ currency: r.currency, validFrom: r.validFrom, rateToBase: decimalToRate(r.rateToBase) })),
    base,
  ).lookup(currency, date);
}

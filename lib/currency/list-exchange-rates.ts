import "server-only";
import { getDb } from "@/lib/db/client";
import { findCurrency } from "./currency-code";
import { toExchangeRateView, type ExchangeRateView } from "./exchange-rate-view";

/** Rates by currency, newest first (optionally one currency; at most `limit`). */
export async function listExchangeRates(filter: { currency?: string; limit?: number } = {}): Promise<ExchangeRateView[]> {
  const currency = filter.currency ? (findCurrency(filter.currency)?.code ?? filter.currency.toUpperCase()) : undefined;
  const rows = await getDb().exchangeRate.findMany({
    where: currency ? { currency } : undefined,
    orderBy: [{ currency: "asc" }, { validFrom: "desc" }],
    take: Math.min(Math.max(filter.limit ?? 1000, 1), 10_000),
  });
  return rows.map(toExchangeRateView);
}

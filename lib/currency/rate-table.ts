// Which rate applies to an amount: the latest rate of its currency whose validFrom is
// on or before the amount's date (a deal's close date, or whatever date the caller
// chooses). A date before the currency's first rate, or a currency with no rates, is
// "no rate" — never a neighbouring rate, never a guess. The base currency is always 1.
import { getCurrency, findCurrency } from "./currency-code";
import { convertToBase } from "./convert-to-base";

export type RateRow = { currency: string; validFrom: string | Date; rateToBase: string };

export type RateLookup =
  | { ok: true; currency: string; rate: string; validFrom: string | null }
  | { ok: false; reason: "no_rate" | "unknown_currency"; currency: string; date: string; message: string };

export type Conversion =
  | { ok: true; baseMinor: bigint; baseCurrency: string; rate: string; validFrom: string | null }
  | Extract<RateLookup, { ok: false }>;

/** A date as "YYYY-MM-DD" (Date → its UTC calendar day; an ISO date-time string → its date part). */
export function toIsoDate(date: string | Date): string {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new RangeError("Invalid date");
    return date.toISOString().slice(0, 10);
  }
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(date.trim());
  if (!m) throw new RangeError(`Not an ISO date: ${JSON.stringify(date)}`);
  return m[1];
}

export type RateTable = {
  baseCurrency: string;
  lookup(currency: string, date: string | Date): RateLookup;
  convert(minor: bigint | number, currency: string, date: string | Date): Conversion;
};

/** Indexes rate rows (any order) for fast lookups: a binary search per amount. */
export function buildRateTable(rows: readonly RateRow[], baseCurrency: string): RateTable {
  const base = getCurrency(baseCurrency).code;
  const byCurrency = new Map<string, { validFrom: string; rate: string }[]>();
  for (const row of rows) {
    const code = row.currency.trim().toUpperCase();
    const list = byCurrency.get(code) ?? [];
    list.push({ validFrom: toIsoDate(row.validFrom), rate: row.rateToBase });
    byCurrency.set(code, list);
  }
  for (const list of byCurrency.values()) list.sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));

  function lookup(currency: string, date: string | Date): RateLookup {
    const day = toIsoDate(date);
    const info = findCurrency(currency);
    if (!info) {
      return { ok: false, reason: "unknown_currency", currency, date: day, message: `"${currency}" is not an ISO 4217 currency code` };
    }
    if (info.code === base) return { ok: true, currency: base, rate: "1", validFrom: null };
    const list = byCurrency.get(info.code) ?? [];
    // Last index with validFrom <= day.
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].validFrom <= day) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) {
      const first = list[0]?.validFrom;
      return {
        ok: false,
        reason: "no_rate",
        currency: info.code,
        date: day,
        message: first
          ? `No ${info.code}→${base} rate on or before ${day} (the first one is from ${first})`
          : `No ${info.code}→${base} rate`,
      };
    }
    return { ok: true, currency: info.code, rate: list[found].rate, validFrom: list[found].validFrom };
  }

  return {
    baseCurrency: base,
    lookup,
    convert(minor, currency, date) {
      const r = lookup(currency, date);
      if (!r.ok) return r;
      return { ok: true, baseMinor: convertToBase(minor, r.currency, base, r.rate), baseCurrency: base, rate: r.rate, validFrom: r.validFrom };
    },
  };
}

/** One-off lookup over a list of rows (build a table for many lookups). */
export function pickRate(rows: readonly RateRow[], currency: string, date: string | Date, baseCurrency: string): RateLookup {
  return buildRateTable(rows, baseCurrency).lookup(currency, date);
}

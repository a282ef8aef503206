// Parsing human-written amounts into integer minor units, exactly.
//
// Accepted: "1234", "1,234.56", "1.234,56", "$1,234.56", "€ 1 234,56", "1'234.50",
// "12,34,567.89" (Indian grouping), "-12", "− 12", "12-", "(12.00)" (negative), "12.00 EUR",
// "USD 12". Which separator is decimal, grouping and currency markers follow the one reader
// of amounts, ./amount-text.ts (rules in docs/currency.md). The policy for typed amounts: a
// symbol or code must fit the currency, no exponent notation ("1e5"), and decimals beyond the
// currency's exponent only when they are zeros ("12.340" USD) — it never rounds.
import { findCurrency } from "./currency-code";
import { quoteAmount, readMoneyText } from "./amount-text";

export type ParseMoneyOptions = { decimalSeparator?: "." | "," };

export type ParseMoneyCode =
  | "empty"
  | "unknown_currency"
  | "invalid"
  | "ambiguous"
  | "too_many_decimals"
  | "currency_mismatch"
  | "out_of_range";

export type ParseMoneyResult =
  | { ok: true; minor: bigint; currency: string }
  | { ok: false; code: ParseMoneyCode; message: string };

/** Parses `text` as an amount of `currency` in minor units. Never rounds, never guesses. */
export function parseMoney(text: string, currency: string, options: ParseMoneyOptions = {}): ParseMoneyResult {
  const info = findCurrency(currency);
  if (!info) return { ok: false, code: "unknown_currency", message: `${quoteAmount(currency)} is not an ISO 4217 currency code` };
  const read = readMoneyText(text, {
    exponent: info.exponent,
    currency: info.code,
    decimalSeparator: options.decimalSeparator,
    extraDecimals: "reject",
  });
  if (!read.ok) return read.code === "empty" ? { ok: false, code: "empty", message: "The amount is empty" } : read;
  return { ok: true, minor: read.minor, currency: info.code };
}

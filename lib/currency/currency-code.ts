import { z } from "zod";
import { AppError } from "@/lib/errors";
import { CURRENCIES, type CurrencyInfo } from "./iso4217";

/** The currency for an ISO 4217 code (any case), or undefined. */
export function findCurrency(code: string): CurrencyInfo | undefined {
  return CURRENCIES.get(code.trim().toUpperCase());
}

/** The currency for a code; unknown → AppError bad_request. */
export function getCurrency(code: string): CurrencyInfo {
  const info = findCurrency(code);
  if (!info) throw new AppError("bad_request", `"${code}" is not an ISO 4217 currency code`);
  return info;
}

/** Decimals of the currency's minor unit (JPY 0, USD 2, BHD 3, CLF 4). */
export function currencyExponent(code: string): number {
  return getCurrency(code).exponent;
}

/** Any known ISO 4217 code (withdrawn ones included, for old data), normalised to upper case. */
export const currencyCodeSchema = z
  .string({ error: "currency is required" })
  .trim()
  .toUpperCase()
  .refine((c) => /^[A-Z]{3}$/.test(c), "currency must be a three-letter ISO 4217 code, e.g. EUR")
  .refine((c) => !/^[A-Z]{3}$/.test(c) || CURRENCIES.has(c), { message: "currency is not an ISO 4217 code" });

/** A current ISO 4217 code (withdrawn codes are refused with their successor named). */
export const activeCurrencyCodeSchema = currencyCodeSchema.superRefine((c, ctx) => {
  const w = CURRENCIES.get(c)?.withdrawn;
  if (w) ctx.addIssue({ code: "custom", message: `${c} was withdrawn on ${w.since}; use ${w.replacedBy}` });
});

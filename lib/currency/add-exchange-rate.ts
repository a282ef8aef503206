import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { currencyCodeSchema } from "./currency-code";
import { toExchangeRateView, type ExchangeRateView } from "./exchange-rate-view";
import { getBaseCurrency } from "./get-base-currency";
import { dayToDate, parseIsoDay } from "./iso-day";
import { decimalToRate, rateSchema } from "./rate";

export const addExchangeRateSchema = z.object({
  currency: currencyCodeSchema,
  rate: rateSchema,
  validFrom: z.string({ error: "validFrom is required" }).transform((v, ctx) => {
    const day = parseIsoDay(v);
    if (!day) {
      ctx.addIssue({ code: "custom", message: "validFrom must be a date written YYYY-MM-DD, e.g. 2025-01-31" });
      return z.NEVER;
    }
    return day;
  }),
});

/**
 * Adds a rate by hand: 1 `currency` = `rate` base units from `validFrom` on. A rate for
 * the same currency and day is replaced. The base currency itself is refused (always 1).
 */
export async function addExchangeRate(
  input: unknown,
  actor: Actor | null,
): Promise<{ rate: ExchangeRateView; replaced: string | null }> {
  const data = addExchangeRateSchema.parse(input);
  return getDb().$transaction(async (tx) => {
    const base = await getBaseCurrency(tx);
    if (data.currency === base) {
      throw new z.ZodError([
        { code: "custom", path: ["currency"], message: `${base} is the base currency; its rate is always 1`, input: undefined },
      ]);
    }
    const validFrom = dayToDate(data.validFrom);
    const where = { currency_validFrom: { currency: data.currency, validFrom } };
    const before = await tx.exchangeRate.findUnique({ where, select: { rateToBase: true } });
    const row = await tx.exchangeRate.upsert({
      where,
      create: { currency: data.currency, rateToBase: data.rate, validFrom },
      update: { rateToBase: data.rate },
    });
    const replaced = before ? decimalToRate(before.rateToBase) : null;
    await recordAuditEvent(
      {
        actor,
        action: "exchange_rate.set",
        target: { type: "exchange_rate", id: row.id },
        summary: `Set 1 ${data.currency} = ${data.rate} ${base} from ${data.validFrom}${replaced ? ` (was ${replaced})` : ""}`,
        details: { currency: data.currency, validFrom: data.validFrom, rate: data.rate, base, before: replaced },
      },
      tx,
    );
    return { rate: toExchangeRateView(row), replaced };
  });
}

import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { activeCurrencyCodeSchema } from "./currency-code";
import { BASE_CURRENCY_KEY, getBaseCurrency } from "./get-base-currency";

export const setBaseCurrencySchema = z.object({
  currency: activeCurrencyCodeSchema,
  /**
   * Rates are stored as "base units per unit" of the current base, so they are wrong
   * for a new base. Changing the base while rates exist is refused unless this is set,
   * which deletes them in the same transaction (then import rates for the new base).
   */
  deleteExistingRates: z.boolean().default(false),
});
export type SetBaseCurrencyInput = z.input<typeof setBaseCurrencySchema>;

/** Sets the base currency (validated ISO 4217, audited). Original deal amounts are never touched. */
export async function setBaseCurrency(
  input: SetBaseCurrencyInput,
  actor: Actor | null,
): Promise<{ baseCurrency: string; previous: string; changed: boolean; deletedRates: number }> {
  const data = setBaseCurrencySchema.parse(input);
  return getDb().$transaction(async (tx) => {
    // Serialise concurrent changes on the setting row.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('dealport.baseCurrency'))`;
    const previous = await getBaseCurrency(tx).catch(() => "(invalid)");
    if (previous === data.currency) return { baseCurrency: previous, previous, changed: false, deletedRates: 0 };
    const rates = await tx.exchangeRate.count();
    if (rates > 0 && !data.deleteExistingRates) {
      throw new AppError(
        "conflict",
        `${rates} exchange rate${rates === 1 ? " is" : "s are"} expressed in ${previous}; they would be wrong in ${data.currency}. ` +
          `Delete them while changing the base currency, then add rates for ${data.currency}.`,
        { rates },
      );
    }
    const deletedRates = rates ? (await tx.exchangeRate.deleteMany()).count : 0;
    await tx.setting.upsert({
      where: { key: BASE_CURRENCY_KEY },
      create: { key: BASE_CURRENCY_KEY, value: data.currency, updatedBy: actor?.id ?? null },
      update: { value: data.currency, updatedBy: actor?.id ?? null },
    });
    await recordAuditEvent(
      {
        actor,
        action: "settings.base_currency",
        target: { type: "setting", id: BASE_CURRENCY_KEY },
        summary: `Changed the base currency from ${previous} to ${data.currency}${deletedRates ? ` and deleted ${deletedRates} exchange rates` : ""}`,
        details: { before: previous, after: data.currency, deletedRates },
      },
      tx,
    );
    return { baseCurrency: data.currency, previous, changed: true, deletedRates };
  });
}

// The exchange rates an import's staging converted deal amounts with, kept on the run
// (ImportRun.ratesUsed). A deal the run created gets no DealChange row (its creation is
// Deal.firstSeenRunId), so the deal timeline works that creation's base amount and rate out
// again from these, with the same lookup the staging made: the rates it used, not the ones
// stored now (an admin may have edited or deleted them since).
import { z } from "zod";
import type { TimelineMoney } from "@/lib/deals/deal-timeline";
import { buildRateTable, type Conversion } from "@/lib/currency/rate-table";

export const ratesUsedSchema = z.object({
  baseCurrency: z.string(),
  /** The run's day (YYYY-MM-DD): the rate date of deals without a close date. */
  day: z.string(),
  rates: z.array(z.object({ currency: z.string(), validFrom: z.string(), rateToBase: z.string() })),
});
export type RatesUsed = z.infer<typeof ratesUsedSchema>;

/** Collects the distinct rates a run's conversions used (a few, whatever the number of deals). */
export class RatesUsedRecorder {
  private readonly byCurrency = new Map<string, Map<string, string>>();

  constructor(
    readonly baseCurrency: string,
    readonly day: string,
  ) {}

  add(currency: string, conversion: Extract<Conversion, { ok: true }>) {
    // The base currency's rate is always 1 (no validFrom): nothing to keep.
    if (conversion.validFrom === null) return;
    let rates = this.byCurrency.get(currency);
    if (!rates) this.byCurrency.set(currency, (rates = new Map()));
    if (!rates.has(conversion.validFrom)) rates.set(conversion.validFrom, conversion.rate);
  }

  toJSON(): RatesUsed {
    const rates = [...this.byCurrency].flatMap(([currency, byDay]) => [...byDay].map(([validFrom, rateToBase]) => ({ currency, validFrom, rateToBase })));
    return { baseCurrency: this.baseCurrency, day: this.day, rates };
  }
}

/**
 * The base amount, base currency and rate the run gave a deal with these values when it
 * staged it. A rate the run used is the latest on or before the deal's date among all rates,
 * so it is also the latest among the rates it used. Null money when the run kept no record
 * (runs before it was kept wrote DealChange "new" rows with the money instead).
 */
export function moneyAsStaged(ratesUsed: unknown, deal: { amountMinor: bigint | null; currency: string | null; closeDate: string | null }): TimelineMoney {
  const parsed = ratesUsedSchema.safeParse(ratesUsed);
  if (!parsed.success) return { amountBaseMinor: null, baseCurrency: null, rateToBase: null };
  const { baseCurrency, day, rates } = parsed.data;
  const none = { amountBaseMinor: null, baseCurrency, rateToBase: null };
  if (deal.amountMinor === null || deal.currency === null) return none;
  const converted = buildRateTable(rates, baseCurrency).convert(deal.amountMinor, deal.currency, deal.closeDate ?? day);
  return converted.ok ? { amountBaseMinor: converted.baseMinor, baseCurrency: converted.baseCurrency, rateToBase: converted.rate } : none;
}

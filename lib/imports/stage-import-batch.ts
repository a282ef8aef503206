// One reader batch into the run's staging tables. Deals get their base-currency amount here
// (the rate in force on the close date); a deal whose currency has no rate is rejected or
// kept without one, as the reader says.
import "server-only";
import type { RateTable } from "@/lib/currency/rate-table";
import type { ImportEvent } from "./import-reader";
import type { RunProblem } from "./import-problem-writer";
import { recordRunProblems, type ImportRunState } from "./import-run-state";
import type { StagedDeal, StagingTables } from "./staging-tables";

export type RecordBatch = Extract<ImportEvent, { records: unknown[] }>;

export async function stageImportBatch(state: ImportRunState, staging: StagingTables, event: RecordBatch, rates: RateTable, today: string, rejectedIds: string[]) {
  if (event.type === "accounts") return staging.addAccounts(event.records);
  if (event.type === "contacts") return staging.addContacts(event.records);
  const rows: StagedDeal[] = [];
  const rateProblems: RunProblem[] = [];
  for (const deal of event.records) {
    let amountBaseMinor: bigint | null = null;
    let rateToBase: string | null = null;
    if (deal.amountMinor !== null && deal.currency !== null) {
      // The rate in force on the close date (the latest one for open deals closing later); no close date: today's.
      const converted = rates.convert(deal.amountMinor, deal.currency, deal.closeDate ?? today);
      if (converted.ok) {
        ({ baseMinor: amountBaseMinor, rate: rateToBase } = converted);
        state.ratesUsed?.add(deal.currency, converted);
      } else if (state.options.reader.missingRate === "reject") {
        rateProblems.push({
          severity: "error",
          file: deal.file,
          line: deal.line,
          column: "currency",
          code: "missing_rate",
          message: `currency ${deal.currency} cannot be converted to ${rates.baseCurrency}: ${converted.message}; add the rate in Settings → Currency`,
          excerpt: null,
        });
        rejectedIds.push(deal.externalId);
        continue;
      } else {
        const seen = state.missingRates.get(deal.currency);
        if (seen) seen.count++;
        else state.missingRates.set(deal.currency, { count: 1, file: deal.file, line: deal.line, message: converted.message });
      }
    }
    rows.push({ deal, amountBaseMinor, rateToBase, baseCurrency: rates.baseCurrency });
  }
  if (rateProblems.length > 0) await recordRunProblems(state, rateProblems, "deals");
  return staging.addDeals(rows);
}

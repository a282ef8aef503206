import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getBaseCurrency } from "./get-base-currency";
import { parseExchangeRatesCsv, type CsvProblem } from "./parse-rates-csv";

export const MAX_RATES_CSV_BYTES = 5 * 1024 * 1024;
const CHUNK = 1000;

export type ImportExchangeRatesResult = {
  fileRejected: boolean;
  /** Rows written: inserted + updated + unchanged. */
  imported: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Data rows not imported (problems, base-currency rows, superseded duplicates). */
  skipped: number;
  problems: CsvProblem[];
};

/**
 * Imports a CSV of (date, currency, rate) — see parse-rates-csv.ts for the format.
 * A malformed file (missing column, broken quoting) imports nothing. Otherwise rows
 * with problems are skipped and reported; the rest are upserted on (currency,
 * validFrom) in one transaction, with one audit event.
 */
export async function importExchangeRates(
  input: string | Uint8Array,
  actor: Actor | null,
  options: { fileName?: string; maxBytes?: number } = {},
): Promise<ImportExchangeRatesResult> {
  const maxBytes = options.maxBytes ?? MAX_RATES_CSV_BYTES;
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
  if (size > maxBytes) {
    throw new AppError("payload_too_large", `The rates file is ${size} bytes; the limit is ${maxBytes}`, { maxBytes });
  }
  const text = typeof input === "string" ? input : new TextDecoder("utf-8").decode(input);
  const fileName = options.fileName ?? "rates.csv";

  return getDb().$transaction(
    async (tx) => {
      const base = await getBaseCurrency(tx);
      const parsed = parseExchangeRatesCsv(text, { baseCurrency: base });
      const empty = { imported: 0, inserted: 0, updated: 0, unchanged: 0 };
      if (parsed.fileRejected) return { fileRejected: true, ...empty, skipped: parsed.rowCount, problems: parsed.problems };

      let inserted = 0;
      let updated = 0;
      for (let i = 0; i < parsed.rows.length; i += CHUNK) {
        const chunk = parsed.rows.slice(i, i + CHUNK);
        // Upsert; a row whose rate is unchanged is left alone and returns nothing.
        const written = await tx.$queryRaw<{ inserted: boolean }[]>`
          insert into "ExchangeRate" (id, currency, "rateToBase", "validFrom")
          select t.id, t.currency, t.rate::numeric(24,12), t.day::date
          from unnest(${chunk.map(() => randomUUID())}::text[], ${chunk.map((r) => r.currency)}::text[],
                      ${chunk.map((r) => r.rate)}::text[], ${chunk.map((r) => r.validFrom)}::text[]) as t(id, currency, rate, day)
          on conflict (currency, "validFrom") do update set "rateToBase" = excluded."rateToBase"
            where "ExchangeRate"."rateToBase" is distinct from excluded."rateToBase"
          returning (xmax = 0) as inserted`;
        for (const w of written) {
          if (w.inserted) inserted++;
          else updated++;
        }
      }
      const imported = parsed.rows.length;
      const unchanged = imported - inserted - updated;
      const skipped = parsed.rowCount - imported;
      const errors = parsed.problems.filter((p) => p.severity === "error").length;
      await recordAuditEvent(
        {
          actor,
          action: "exchange_rate.import",
          target: { type: "exchange_rate_file", id: fileName },
          summary: `Imported ${imported} exchange rates from ${fileName} (${inserted} new, ${updated} changed, ${unchanged} unchanged, ${skipped} skipped)`,
          details: { fileName, base, inserted, updated, unchanged, skipped, errors },
        },
        tx,
      );
      return { fileRejected: false, imported, inserted, updated, unchanged, skipped, problems: parsed.problems };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { addExchangeRate } from "@/lib/currency/add-exchange-rate";
import { deleteExchangeRate } from "@/lib/currency/delete-exchange-rate";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { importExchangeRates, MAX_RATES_CSV_BYTES } from "@/lib/currency/import-exchange-rates";
import { listExchangeRates } from "@/lib/currency/list-exchange-rates";
import { AppError } from "@/lib/errors";
import type { CliCommand } from "./types";

const USAGE = `usage:
  dealport rates add --currency EUR --rate 1.0842 --date 2026-01-31
  dealport rates import <file.csv>       (columns date,currency,rate)
  dealport rates list [--currency EUR] [--limit N]
  dealport rates delete <id>`;

export const ratesCommand: CliCommand = {
  name: "rates",
  usage: "rates add|import|list|delete …",
  summary: "exchange rates to the base currency (1 unit = rate base units from a date)",
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub === "add") {
      const { values } = parseArgs({ args: rest, options: { currency: { type: "string" }, rate: { type: "string" }, date: { type: "string" } }, strict: true });
      const { rate, replaced } = await addExchangeRate({ currency: values.currency ?? "", rate: values.rate ?? "", validFrom: values.date ?? "" }, null);
      const base = await getBaseCurrency();
      out.result(`1 ${rate.currency} = ${rate.rateToBase} ${base} from ${rate.validFrom}${replaced ? ` (was ${replaced})` : ""}`, { rate, replaced });
    } else if (sub === "import" && rest[0]) {
      const size = (await stat(rest[0])).size;
      if (size > MAX_RATES_CSV_BYTES) throw new AppError("payload_too_large", `${rest[0]} is ${size} bytes; the limit is ${MAX_RATES_CSV_BYTES}`);
      const result = await importExchangeRates(await readFile(rest[0]), null, { fileName: path.basename(rest[0]) });
      const problems = result.problems.map((p) => `  ${p.severity} line ${p.line ?? "-"} ${p.column ?? ""}: ${p.message}`);
      const head = result.fileRejected
        ? "File rejected: nothing imported"
        : `Imported ${result.imported} rates (${result.inserted} new, ${result.updated} changed, ${result.unchanged} unchanged, ${result.skipped} skipped)`;
      out.result([head, ...problems].join("\n"), result);
      if (result.fileRejected) throw new AppError("validation_failed", "The rates file was rejected", { problems: result.problems.length });
    } else if (sub === "list") {
      const { values } = parseArgs({ args: rest, options: { currency: { type: "string" }, limit: { type: "string" } }, strict: true });
      const rates = await listExchangeRates({ currency: values.currency, limit: values.limit ? Number(values.limit) : undefined });
      const base = await getBaseCurrency();
      out.result(rates.length ? rates.map((r) => `${r.validFrom}  1 ${r.currency} = ${r.rateToBase} ${base}  ${r.id}`).join("\n") : "No rates yet", { base, rates });
    } else if (sub === "delete" && rest[0]) {
      const rate = await deleteExchangeRate(rest[0], null);
      out.result(`Deleted the ${rate.currency} rate from ${rate.validFrom}`, rate);
    } else {
      throw new AppError("bad_request", USAGE);
    }
  },
};

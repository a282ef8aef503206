import { parseArgs } from "node:util";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { setBaseCurrency } from "@/lib/currency/set-base-currency";
import { AppError } from "@/lib/errors";
import type { CliCommand } from "./types";

export const baseCurrencyCommand: CliCommand = {
  name: "base-currency",
  usage: "base-currency get | set <CODE> [--delete-rates]",
  summary: "show or set the ISO 4217 base currency (rates for the old base must be deleted)",
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub === "get") {
      const baseCurrency = await getBaseCurrency();
      out.result(baseCurrency, { baseCurrency });
    } else if (sub === "set") {
      const { values, positionals } = parseArgs({ args: rest, options: { "delete-rates": { type: "boolean" } }, allowPositionals: true, strict: true });
      const result = await setBaseCurrency({ currency: positionals[0] ?? "", deleteExistingRates: values["delete-rates"] ?? false }, null);
      out.result(
        result.changed
          ? `Base currency is now ${result.baseCurrency} (was ${result.previous})${result.deletedRates ? `; deleted ${result.deletedRates} rates` : ""}`
          : `Base currency is already ${result.baseCurrency}`,
        result,
      );
    } else {
      throw new AppError("bad_request", `usage: dealport ${baseCurrencyCommand.usage}`);
    }
  },
};

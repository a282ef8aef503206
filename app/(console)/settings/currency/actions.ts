"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { formCheckbox, formText } from "@/app/_lib/form-data";
import { addExchangeRate } from "@/lib/currency/add-exchange-rate";
import { deleteExchangeRate } from "@/lib/currency/delete-exchange-rate";
import { importExchangeRates, MAX_RATES_CSV_BYTES } from "@/lib/currency/import-exchange-rates";
import { setBaseCurrency } from "@/lib/currency/set-base-currency";
import { AppError } from "@/lib/errors";

const PATH = "/settings/currency";
export const setBaseCurrencyAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const result = await setBaseCurrency({ currency: formText(form, "currency"), deleteExistingRates: formCheckbox(form, "deleteExistingRates") }, actor);
  revalidatePath(PATH);
  return {
    message: result.changed
      ? `Base currency is now ${result.baseCurrency}${result.deletedRates ? `; ${result.deletedRates} old rates deleted` : ""}`
      : `Base currency is already ${result.baseCurrency}`,
  };
});

export const addExchangeRateAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const { rate, replaced } = await addExchangeRate({ currency: formText(form, "currency"), rate: formText(form, "rate"), validFrom: formText(form, "validFrom") }, actor);
  revalidatePath(PATH);
  return { message: `Saved 1 ${rate.currency} = ${rate.rateToBase} from ${rate.validFrom}${replaced ? ` (was ${replaced})` : ""}` };
});

export const deleteExchangeRateAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const rate = await deleteExchangeRate(formText(form, "id"), actor);
  revalidatePath(PATH);
  return { message: `Deleted the ${rate.currency} rate from ${rate.validFrom}` };
});

export const importExchangeRatesAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("validation_failed", "Choose a CSV file to import", { file: "required" });
  // Checked before reading a byte: the size is known from the multipart headers.
  if (file.size > MAX_RATES_CSV_BYTES) {
    throw new AppError("payload_too_large", `The file is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_RATES_CSV_BYTES / 1048576} MB`, {
      file: "too large",
    });
  }
  const result = await importExchangeRates(new Uint8Array(await file.arrayBuffer()), actor, { fileName: file.name.slice(0, 200) });
  revalidatePath(PATH);
  return { ...result, fileName: file.name.slice(0, 200) };
});

// POST /api/v1/exchange-rates/import — import a rates CSV sent as the request body (admin); 413 over the limit, 422 when the file is rejected
import { apiRoute } from "@/app/_lib/api-route";
import { importExchangeRates, MAX_RATES_CSV_BYTES } from "@/lib/currency/import-exchange-rates";
import { AppError } from "@/lib/errors";
import { readBodyWithLimit } from "@/lib/http/read-body-with-limit";

export const POST = apiRoute("admin", async (req, { actor }) => {
  const body = await readBodyWithLimit(req, MAX_RATES_CSV_BYTES, "The rates file");
  const fileName = new URL(req.url).searchParams.get("fileName")?.slice(0, 200) || "rates.csv";
  const result = await importExchangeRates(body, actor, { fileName });
  // Nothing was imported: a script must see a failure, not a 200 it has to inspect.
  if (result.fileRejected) throw new AppError("validation_failed", `${fileName} was rejected: ${result.problems[0]?.message ?? "not a rates CSV"}`, { problems: result.problems });
  return result;
});

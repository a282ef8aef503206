// POST /api/v1/exchange-rates/import — import a rates CSV sent as the request body (admin); 413 over the limit
import { apiRoute } from "@/app/_lib/api-route";
import { importExchangeRates, MAX_RATES_CSV_BYTES } from "@/lib/currency/import-exchange-rates";
import { readBodyWithLimit } from "@/lib/http/read-body-with-limit";

export const POST = apiRoute("admin", async (req, { actor }) => {
  const body = await readBodyWithLimit(req, MAX_RATES_CSV_BYTES, "The rates file");
  const fileName = new URL(req.url).searchParams.get("fileName")?.slice(0, 200) || "rates.csv";
  return importExchangeRates(body, actor, { fileName });
});

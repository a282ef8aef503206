// GET /api/v1/exchange-rates — base currency and rates (signed in); POST — add a rate (admin)
import { apiRoute } from "@/app/_lib/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { addExchangeRate } from "@/lib/currency/add-exchange-rate";
import { getBaseCurrency } from "@/lib/currency/get-base-currency";
import { listExchangeRates } from "@/lib/currency/list-exchange-rates";
import { z } from "zod";

const listQuery = z.object({
  currency: z.string().trim().max(3).optional(),
  limit: z.coerce.number().int().min(1).max(1000, "limit must be at most 1000").default(200),
});

export const GET = apiRoute("signedIn", async (req) => {
  const query = listQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const [baseCurrency, rates] = await Promise.all([getBaseCurrency(), listExchangeRates(query)]);
  return { baseCurrency, rates };
});

export const POST = apiRoute("admin", async (req, { actor }) => addExchangeRate(await readJsonBody(req), actor));

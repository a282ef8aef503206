import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findCurrency } from "./currency-code";

export const BASE_CURRENCY_KEY = "baseCurrency";
export const DEFAULT_BASE_CURRENCY = "USD";

type Tx = Pick<ReturnType<typeof getDb>, "setting">;

/** The base currency (Setting "baseCurrency"; USD until an admin sets one). */
export async function getBaseCurrency(tx: Tx = getDb()): Promise<string> {
  const row = await tx.setting.findUnique({ where: { key: BASE_CURRENCY_KEY }, select: { value: true } });
  if (!row) return DEFAULT_BASE_CURRENCY;
  const code = typeof row.value === "string" ? findCurrency(row.value)?.code : undefined;
  if (!code) throw new AppError("misconfigured", `The stored base currency ${JSON.stringify(row.value)} is not an ISO 4217 code; set it again`);
  return code;
}

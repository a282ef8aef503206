import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { toExchangeRateView, type ExchangeRateView } from "./exchange-rate-view";

export async function deleteExchangeRate(id: string, actor: Actor | null): Promise<ExchangeRateView> {
  return getDb().$transaction(async (tx) => {
    const row = await tx.exchangeRate.findUnique({ where: { id } });
    if (!row) throw new AppError("not_found", `No exchange rate with id ${id}`);
    await tx.exchangeRate.delete({ where: { id } });
    const view = toExchangeRateView(row);
    await recordAuditEvent(
      {
        actor,
        action: "exchange_rate.delete",
        target: { type: "exchange_rate", id },
        summary: `Deleted the ${view.currency} rate ${view.rateToBase} from ${view.validFrom}`,
        details: { currency: view.currency, validFrom: view.validFrom, rate: view.rateToBase },
      },
      tx,
    );
    return view;
  });
}

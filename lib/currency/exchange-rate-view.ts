import { decimalToRate } from "./rate";

export type ExchangeRateView = { id: string; currency: string; rateToBase: string; validFrom: string; createdAt: Date };

export function toExchangeRateView(row: {
  id: string;
  currency: string;
  rateToBase: { toFixed(): string } | string;
  validFrom: Date;
  createdAt: Date;
}): ExchangeRateView {
  return {
    id: row.id,
    currency: row.currency,
    rateToBase: decimalToRate(row.rateToBase),
    validFrom: row.validFrom.toISOString().slice(0, 10),
    createdAt: row.createdAt,
  };
}

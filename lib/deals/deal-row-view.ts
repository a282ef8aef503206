// What a deals-table row shows, ready for the browser: money formatted, dates as days,
// no bigint or Date crossing into client components.
import { formatMoney } from "@/lib/currency/format-money";
import type { DealListRow } from "./list-deals";

export type DealRowView = {
  id: string;
  name: string;
  account: { id: string; name: string } | null;
  stage: string | null;
  pipeline: string | null;
  owner: string | null;
  amount: string | null;
  amountBase: string | null;
  closeDate: string | null;
  source: string;
  /** new | changed | unchanged | removed */
  status: string | null;
  pushedTo: { id: string; name: string }[];
};

/** Money for display; an amount in a code we cannot format still shows, as "123456 XYZ" minor units. */
export function displayMoney(minor: bigint | null, currency: string | null): string | null {
  if (minor === null || !currency) return null;
  try {
    return formatMoney(minor, currency);
  } catch {
    return `${minor} ${currency} (minor units)`;
  }
}

export function toDealRowView(row: DealListRow, baseCurrency: string): DealRowView {
  return {
    id: row.id,
    name: row.name,
    account: row.account,
    stage: row.stage,
    pipeline: row.pipeline,
    owner: row.owner,
    amount: displayMoney(row.amountMinor, row.currency),
    amountBase: displayMoney(row.amountBaseMinor, baseCurrency),
    closeDate: row.closeDate?.toISOString().slice(0, 10) ?? null,
    source: row.source.name,
    status: row.lastImportStatus,
    pushedTo: row.links.map((l) => ({ id: l.destination.id, name: l.destination.name })),
  };
}

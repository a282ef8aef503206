// A selection in words, with its count: what the push preview says is selected before a
// destination is chosen ("Deals where stage is Won · pipeline is New Business — 51 deals").
// The words come from describe-deal-filter.ts; here, the names behind ids and the count.
import "server-only";
import { getDb } from "@/lib/db/client";
import type { DealSelection } from "./deal-filter";
import { describeSelectionText } from "./describe-deal-filter";
import { summarizeSelection } from "./summarize-deals";

export async function describeSelection(selection: DealSelection): Promise<{ text: string; count: number }> {
  const filter = selection.mode === "filter" ? selection.filter : {};
  const db = getDb();
  const ids = (list: (string | undefined)[]) => list.filter((v): v is string => Boolean(v));
  const [summary, sources, accounts, destinations] = await Promise.all([
    summarizeSelection(selection),
    filter.source?.length ? db.source.findMany({ where: { id: { in: filter.source } }, select: { id: true, name: true } }) : [],
    filter.account ? db.account.findMany({ where: { id: filter.account }, select: { id: true, name: true } }) : [],
    filter.pushedTo || filter.notPushedTo ? db.destination.findMany({ where: { id: { in: ids([filter.pushedTo, filter.notPushedTo]) } }, select: { id: true, name: true } }) : [],
  ]);
  const toMap = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  const text = describeSelectionText(selection, { sources: toMap(sources), accounts: toMap(accounts), destinations: toMap(destinations), baseCurrency: summary.baseCurrency });
  return { text, count: summary.count };
}

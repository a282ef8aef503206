// A deal filter or selection in words ("Deals where stage is Won · pipeline is New Business"),
// ids shown by the names the caller looked up. Browser-safe.
import { displayMoney } from "./deal-row-view";
import type { DealFilter, DealSelection } from "./deal-filter";

export type Names = { sources: Map<string, string>; accounts: Map<string, string>; destinations: Map<string, string>; baseCurrency: string };

const either = (values: string[]) => (values.length === 1 ? values[0] : `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`);

/** One phrase per condition of the filter, in the filter bar's order; ids shown by name where known. */
export function describeDealFilter(filter: DealFilter, names: Names): string[] {
  const name = (map: Map<string, string>, id: string) => map.get(id) ?? id;
  const money = (minor: bigint) => displayMoney(minor, names.baseCurrency) ?? String(minor);
  const words: string[] = [];
  if (filter.stage?.length) words.push(`stage is ${either(filter.stage)}`);
  if (filter.pipeline?.length) words.push(`pipeline is ${either(filter.pipeline)}`);
  if (filter.owner?.length) words.push(`owner is ${either(filter.owner)}`);
  if (filter.source?.length) words.push(`from ${either(filter.source.map((id) => name(names.sources, id)))}`);
  if (filter.account) words.push(`account is ${name(names.accounts, filter.account)}`);
  if (filter.closeFrom && filter.closeTo) words.push(`closing ${filter.closeFrom} to ${filter.closeTo}`);
  else if (filter.closeFrom) words.push(`closing on or after ${filter.closeFrom}`);
  else if (filter.closeTo) words.push(`closing on or before ${filter.closeTo}`);
  if (filter.amountMin !== undefined && filter.amountMax !== undefined) words.push(`amount ${money(filter.amountMin)} to ${money(filter.amountMax)}`);
  else if (filter.amountMin !== undefined) words.push(`amount at least ${money(filter.amountMin)}`);
  else if (filter.amountMax !== undefined) words.push(`amount at most ${money(filter.amountMax)}`);
  if (filter.status) words.push(filter.status === "removed" ? "removed" : filter.status === "active" ? "not removed" : `${filter.status} in the last import`);
  if (filter.pushedTo) words.push(`pushed to ${name(names.destinations, filter.pushedTo)}`);
  if (filter.notPushedTo) words.push(`not pushed to ${name(names.destinations, filter.notPushedTo)}`);
  if (filter.q) words.push(`matching “${filter.q}”`);
  return words;
}

export function describeSelectionText(selection: DealSelection, names: Names): string {
  const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
  // The count follows the text where it is shown ("Deals ticked by hand — 3 deals").
  if (selection.mode === "ids") return "Deals ticked by hand";
  const words = describeDealFilter(selection.filter, names);
  const base = words.length ? `Deals where ${words.join(" · ")}` : "All deals";
  return selection.excludeIds.length ? `${base}, less ${plural(selection.excludeIds.length, "deal")} unticked by hand` : base;
}

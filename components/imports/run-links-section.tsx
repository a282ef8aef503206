// "Links between sources" on an import's review: new links, suggestions to confirm, conflicts.
import Link from "next/link";
import type { FormAction } from "@/components/forms/action-form";
import { formatMoney } from "@/lib/currency/format-money";
import type { RunLinks } from "@/lib/imports/list-run-links";
import { LinkSuggestionForm } from "@/components/linking/link-forms";

type Deal = RunLinks["linked"][number]["linkedTo"] & {};

function DealCell({ deal }: { deal: Deal }) {
  return (
    <span>
      <Link className="text-indigo-700 underline" href={`/deals/${deal.id}`}>{deal.name}</Link>
      <span className="block text-xs text-slate-500">{deal.source.name} · {deal.externalId} · {deal.stage ?? "no stage"} · {deal.amountMinor !== null && deal.currency ? formatMoney(deal.amountMinor, deal.currency) : "no amount"}</span>
    </span>
  );
}

export function RunLinksSection({ links, decideAction, canDecide }: { links: RunLinks; decideAction: FormAction<{ message: string }>; canDecide: boolean }) {
  const pending = links.suggestions.filter((s) => s.status === "pending");
  if (!links.linked.length && !links.suggestions.length && !links.conflicts.length) return null;
  return (
    <section aria-labelledby="links-heading" className="mb-6 rounded-xl border border-slate-200 bg-white p-5 text-sm">
      <h2 id="links-heading" className="mb-2 font-semibold">Links between sources</h2>
      <h3 className="mt-3 font-medium">New links ({links.linked.length})</h3>
      <ul className="mt-1 space-y-2" aria-label="New links">
        {links.linked.map((d) => (
          <li key={d.id} className="grid gap-2 sm:grid-cols-2">
            <DealCell deal={d} />
            {d.linkedTo ? <DealCell deal={d.linkedTo} /> : null}
          </li>
        ))}
      </ul>
      <h3 className="mt-4 font-medium">Suggested links ({pending.length} to decide)</h3>
      <p className="text-xs text-slate-500">Same name, amount and account domain in two sources. Linked deals are browsed and pushed as one.</p>
      <ul className="mt-1 space-y-2" aria-label="Suggested links">
        {links.suggestions.map((s) => (
          <li key={s.id} className="grid items-center gap-2 sm:grid-cols-3">
            <DealCell deal={s.deal} />
            <DealCell deal={s.otherDeal} />
            {s.status === "pending" && canDecide ? <LinkSuggestionForm action={decideAction} suggestionId={s.id} description={`Link the two deals named ${s.deal.name}`} /> : <span className="text-xs text-slate-600">{s.status}</span>}
          </li>
        ))}
      </ul>
      <h3 className="mt-4 font-medium">Sources that disagree ({links.conflicts.length})</h3>
      <p className="text-xs text-slate-500">Linked deals whose sources give another stage or amount; the field&apos;s preferred source (Settings → Linking) wins, else the most recently updated.</p>
      <ul className="mt-1 space-y-2" aria-label="Sources that disagree">
        {links.conflicts.map((group) => (
          <li key={group[0].id} className="grid gap-2 sm:grid-cols-2">
            {group.map((d) => <DealCell key={d.id} deal={d} />)}
          </li>
        ))}
      </ul>
    </section>
  );
}

// The deal page's one timeline: imports (field before → after), review decisions and pushes
// (payload, answer, record page), newest first, filtered by kind through the URL, with a
// CSV download of the same filter. Server-rendered; paging is a link.
import Link from "next/link";
import type { ImportEvent, PushEvent, ReviewEvent, TimelineKind, TimelineMoney, TimelinePage } from "@/lib/deals/deal-timeline";
import { displayMoney } from "@/lib/deals/deal-row-view";
import { StatusBadge } from "@/components/status-badge";
import { formatUtc } from "@/lib/format-utc";

const dash = <span className="text-slate-400">—</span>;
const th = "px-3 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const td = "px-3 py-1.5 align-top";

const FILTERS: { label: string; kinds: TimelineKind[] }[] = [
  { label: "Everything", kinds: [] },
  { label: "Imports", kinds: ["import"] },
  { label: "Reviews and rollbacks", kinds: ["review"] },
  { label: "Pushes", kinds: ["push"] },
];

const REVIEW_WORDS: Record<string, string> = {
  held: "held for review",
  rediffed: "re-diffed against the live data",
  approved: "approved",
  discarded: "discarded",
  expired: "expired unreviewed",
  rolled_back: "rolled back",
};

function query(kinds: TimelineKind[], after?: string) {
  const params = new URLSearchParams();
  for (const k of kinds) params.append("kind", k);
  if (after) params.set("after", after);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function jsonText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Amounts in a diff are minor units as text: show them as money in the deal's currency. */
export function changeText(field: string, value: unknown, currency: string | null): string {
  if (field === "amountMinor" && typeof value === "string" && /^-?\d+$/.test(value)) return displayMoney(BigInt(value), currency) ?? value;
  return jsonText(value);
}

function MoneyLine({ money, currency }: { money: TimelineMoney; currency: string | null }) {
  if (!money.baseCurrency) return null;
  const base = displayMoney(money.amountBaseMinor, money.baseCurrency);
  return (
    <p className="px-3 py-1.5 text-xs text-slate-600" data-testid="timeline-money">
      Base amount: {base ?? `none (no ${money.baseCurrency} rate)`}
      {money.rateToBase && currency && currency !== money.baseCurrency ? ` · rate ${money.rateToBase} ${money.baseCurrency} per ${currency}` : ""}
    </p>
  );
}

export function DealTimeline({ dealId, page, kinds, after, currency }: { dealId: string; page: TimelinePage; kinds: TimelineKind[]; after?: string; currency: string | null }) {
  const active = FILTERS.find((f) => f.kinds.join() === kinds.join()) ?? FILTERS[0];
  return (
    <section aria-labelledby="deal-timeline" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="deal-timeline" className="text-base font-semibold text-slate-900">Timeline</h2>
        <a href={`/deals/${dealId}/timeline${query(kinds)}`} download className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
          Download CSV
        </a>
      </div>
      <nav aria-label="Timeline filter" className="mb-4 flex flex-wrap gap-1 text-sm">
        {FILTERS.map((f) => (
          <Link
            key={f.label}
            href={`/deals/${dealId}${query(f.kinds)}#deal-timeline`}
            aria-current={f === active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 ${f === active ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {page.events.length === 0 ? (
        <p className="text-sm text-slate-600">
          {after ? "No older events." : kinds.length ? "Nothing of this kind yet." : "No recorded events yet: history starts with the next import that touches this deal."}
        </p>
      ) : (
        <ol className="space-y-3" data-testid="timeline">
          {page.events.map((event) => (
            <li key={event.key} data-testid="timeline-event" data-kind={event.kind} className="rounded-lg border border-slate-100">
              {event.kind === "import" ? <ImportItem event={event} currency={currency} /> : event.kind === "review" ? <ReviewItem event={event} /> : <PushItem event={event} />}
            </li>
          ))}
        </ol>
      )}
      <div className="mt-4 flex gap-4 text-sm">
        {after ? <Link className="text-indigo-700 hover:underline" href={`/deals/${dealId}${query(kinds)}#deal-timeline`}>Newest events</Link> : null}
        {page.nextCursor ? <Link className="text-indigo-700 hover:underline" href={`/deals/${dealId}${query(kinds, page.nextCursor)}#deal-timeline`}>Older events</Link> : null}
      </div>
    </section>
  );
}

function Header({ at, children }: { at: Date; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 bg-slate-50 px-3 py-2 text-sm">
      <time dateTime={at.toISOString()} className="font-medium tabular-nums">{formatUtc(at, "second")}</time>
      {children}
    </div>
  );
}

function ImportItem({ event, currency }: { event: ImportEvent; currency: string | null }) {
  const { run } = event;
  return (
    <>
      <Header at={event.at}>
        <span className="text-xs font-semibold uppercase text-slate-500">Import</span>
        <StatusBadge status={event.change === "restored" ? "new" : event.change} />
        {event.change === "restored" ? <span className="text-xs text-slate-600">(back after a removal)</span> : null}
        <span className="text-slate-600">
          · <Link className="text-indigo-700 hover:underline" href={`/imports/${run.id}`}>run #{run.number}</Link>
          {run.rollbackOfNumber !== null ? ` (rollback of #${run.rollbackOfNumber})` : ""} · {run.sourceName}
          {event.file ? ` · ${event.file}${event.line !== null ? `, line ${event.line}` : ""}` : ""}
        </span>
      </Header>
      {event.fields.length ? (
        <table className="w-full text-sm">
          <caption className="sr-only">Fields changed by run #{run.number}</caption>
          <thead>
            <tr>
              <th className={th}>Field</th>
              <th className={th}>Before</th>
              <th className={th}>After</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {event.fields.map((f) => (
              <tr key={f.field}>
                <td className={`${td} font-mono text-xs`}>{f.field}</td>
                <td className={`${td} text-red-800`}>{changeText(f.field, f.before, currency) || dash}</td>
                <td className={`${td} text-emerald-800`}>{changeText(f.field, f.after, currency) || dash}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="px-3 py-1.5 text-sm text-slate-600">
          {event.change === "new" ? "First seen in this run." : event.change === "removed" ? "Left out of the source: marked removed." : event.change === "restored" ? "Back in the source." : "No field detail recorded."}
        </p>
      )}
      <MoneyLine money={event.money} currency={currency} />
      {event.mayDifferAt.length ? (
        <p role="note" className="mx-3 mb-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
          Pushed to {event.mayDifferAt.join(", ")} before this rollback: the values there may now differ. A re-push brings them in line.
        </p>
      ) : null}
    </>
  );
}

function ReviewItem({ event }: { event: ReviewEvent }) {
  return (
    <Header at={event.at}>
      <span className="text-xs font-semibold uppercase text-slate-500">Review</span>
      <span>
        <Link className="text-indigo-700 hover:underline" href={`/imports/${event.run.id}`}>Run #{event.run.number}</Link> of {event.run.sourceName}{" "}
        {REVIEW_WORDS[event.action] ?? event.action}
        {event.actorEmail ? ` by ${event.actorEmail}` : ""}
      </span>
      {event.comment ? <q className="text-slate-600">{event.comment}</q> : null}
    </Header>
  );
}

function PushItem({ event }: { event: PushEvent }) {
  return (
    <>
      <Header at={event.at}>
        <span className="text-xs font-semibold uppercase text-slate-500">Push</span>
        <StatusBadge status={event.state} />
        <span className="text-slate-600">
          {event.action ? `${event.action.replace("_", " ")} · ` : ""}
          {event.destination.name} · <Link className="text-indigo-700 hover:underline" href={`/pushes/${event.run.id}`}>{event.run.dryRun ? "dry run" : "push run"}</Link>
          {event.attempt > 1 ? ` · ${event.attempt} attempts` : ""}
        </span>
        {event.externalId ? (
          <span className="text-slate-600">
            · id <code className="text-xs">{event.externalId}</code>
            {event.record ? (
              <>
                {" "}
                <a href={event.record.url} target="_blank" rel="noreferrer" className="text-indigo-700 hover:underline">
                  open in {event.record.site}
                </a>
              </>
            ) : null}
          </span>
        ) : null}
      </Header>
      {event.error ? <p className="px-3 py-1.5 text-sm text-red-800">{event.error}</p> : null}
      <MoneyLine money={event.money} currency={null} />
      {event.payload !== null || event.response !== null ? (
        <details className="px-3 pb-2">
          <summary className="cursor-pointer py-1 text-xs text-indigo-700">Payload sent{event.response !== null ? " and the answer" : ""}</summary>
          <div className="grid gap-2 lg:grid-cols-2">
            {event.payload !== null ? <JsonBlock label="Payload" value={event.payload} /> : null}
            {event.response !== null ? <JsonBlock label="Answer" value={event.response} /> : null}
          </div>
        </details>
      ) : null}
    </>
  );
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <figure>
      <figcaption className="text-xs font-medium text-slate-600">{label}</figcaption>
      <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(value, null, 2)}</pre>
    </figure>
  );
}

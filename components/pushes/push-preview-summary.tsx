// The preview, summary first: how many deals are selected, ready and blocked (the line
// only counts them: the reasons are listed once, right below it), why the blocked ones
// can't be sent (grouped, with counts, each a link to its deals and an "exclude these"),
// and the push buttons. Counted in SQL over the kept preview.
import Link from "next/link";
import type { PushPreviewSummary as Summary } from "@/lib/sync/read-push-preview";
import { ExcludeButton, IncludeAgainButton, PushPreviewButtons } from "./push-preview-actions";
import { previewHref, type PreviewView } from "./push-preview-link";

const number = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, word: string) => `${number(n)} ${word}${n === 1 ? "" : "s"}`;
export function PushPreviewSummary({ summary, baseQuery, current }: { summary: Summary; baseQuery: string; current: { view: PreviewView; reason: string | null } }) {
  return (
    <section aria-labelledby="preview-heading" className="mb-4 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="preview-heading" className="sr-only">
        Preview for {summary.destination.name}
      </h2>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p data-testid="preview-counts" className="text-sm">
          <strong>{number(summary.total)}</strong> deal{summary.total === 1 ? "" : "s"} selected · <strong>{number(summary.ready)}</strong> ready ·{" "}
          <strong>{number(summary.blocked)}</strong> can&apos;t be sent{summary.reasons.length ? " (why: below)" : ""} · {plural(summary.updates, "update")} of earlier pushes
          {summary.excluded ? ` · ${number(summary.excluded)} excluded` : ""}
        </p>
        <PushPreviewButtons previewId={summary.id} ready={summary.ready} included={summary.included} />
      </div>
      {summary.reasons.length ? (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-semibold text-slate-800">Why {plural(summary.blocked, "deal")} can&apos;t be sent</h3>
            <ExcludeButton previewId={summary.id} count={summary.blocked} />
          </div>
          <ul className="space-y-1 text-sm">
            {summary.reasons.map((r) => (
              <li key={r.reason} data-testid="preview-reason" className="flex flex-wrap items-center gap-3">
                <Link
                  href={previewHref(baseQuery, current, { view: "blocked", reason: r.reason, page: 1 })}
                  aria-current={current.reason === r.reason ? "true" : undefined}
                  className="text-red-800 underline decoration-red-200 underline-offset-2 hover:decoration-red-700 aria-[current]:font-semibold"
                >
                  <span className="tabular-nums">{number(r.count)}</span> × {r.reason}
                </Link>
                <ExcludeButton previewId={summary.id} reason={r.reason} count={r.count} />
              </li>
            ))}
            {summary.otherReasons ? <li className="text-slate-600">{plural(summary.otherReasons, "more deal")} with other reasons (see “Can&apos;t send”)</li> : null}
          </ul>
        </div>
      ) : null}
      {summary.excluded ? (
        <p className="mt-3 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3 text-sm text-slate-600">
          {plural(summary.excluded, "deal")} excluded: a push leaves them out.
          <IncludeAgainButton previewId={summary.id} count={summary.excluded} />
        </p>
      ) : null}
    </section>
  );
}

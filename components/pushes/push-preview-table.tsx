// The preview's deals, one page at a time from the server: ready ones with the exact
// payload (and how it was arrived at), blocked ones with their problems, excluded ones.
import Link from "next/link";
import type { PushPreviewItemRow, PushPreviewSummary } from "@/lib/sync/read-push-preview";
import { previewHref, type PreviewView } from "./push-preview-link";

export type PreviewItemsPage = { view: PreviewView; reason: string | null; items: PushPreviewItemRow[]; total: number; page: number; pageCount: number };

const number = (n: number) => n.toLocaleString("en-US");
const json = (value: unknown) => JSON.stringify(value, null, 2);
/** An empty tab says what that means and where to look instead. */
const EMPTY: Record<PreviewView, string> = {
  ready: "No deal is ready to send: “Can't send” says why and what to fix; “Excluded” lists the ones left out.",
  blocked: "Every selected deal that is not excluded can be sent.",
  excluded: "No deals are excluded. Exclude the ones that can't be sent to push the rest.",
};

export function PushPreviewTable({ summary, items, baseQuery }: { summary: PushPreviewSummary; items: PreviewItemsPage; baseQuery: string }) {
  const current = { view: items.view, reason: items.reason };
  const tabs: { view: PreviewView; label: string; count: number }[] = [
    { view: "ready", label: "Ready", count: summary.ready },
    { view: "blocked", label: "Can't send", count: summary.blocked },
    { view: "excluded", label: "Excluded", count: summary.excluded },
  ];
  return (
    <section id="preview-table" aria-labelledby="preview-table-heading" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="preview-table-heading" className="sr-only">
        Deals in the preview
      </h2>
      <nav aria-label="Which deals" className="flex flex-wrap gap-1 border-b border-slate-200 px-3 pt-3">
        {tabs.map((tab) => (
          <Link
            key={tab.view}
            href={previewHref(baseQuery, current, { view: tab.view, reason: null, page: 1 })}
            aria-current={tab.view === items.view ? "page" : undefined}
            className="-mb-px rounded-t-md border border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900 aria-[current=page]:border-slate-200 aria-[current=page]:border-b-white aria-[current=page]:bg-white aria-[current=page]:font-medium aria-[current=page]:text-slate-900"
          >
            {tab.label} ({number(tab.count)})
          </Link>
        ))}
      </nav>
      {items.reason ? (
        <p data-testid="preview-reason-filter" className="flex flex-wrap items-center gap-2 border-b border-slate-100 bg-red-50 px-4 py-2 text-sm text-red-900">
          {number(items.total)} deal{items.total === 1 ? "" : "s"} with “{items.reason}”
          <Link className="text-indigo-700 underline" href={previewHref(baseQuery, current, { reason: null, page: 1 })}>
            Show every reason
          </Link>
        </p>
      ) : null}
      {items.items.length === 0 ? (
        <p className="px-4 py-8 text-center text-sm text-slate-600">{EMPTY[items.view]}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Deal</th>
              <th scope="col" className="px-4 py-2 font-medium">Would</th>
              <th scope="col" className="px-4 py-2 font-medium">{items.view === "ready" ? "Payload" : "Why it can't be sent"}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.items.map((item) => (
              <tr key={item.dealId} data-testid="preview-item" className="align-top">
                <td className="px-4 py-2">
                  <Link className="font-medium text-slate-900 hover:underline" href={`/deals/${item.dealId}`}>
                    {item.name}
                  </Link>
                  <div className="text-xs text-slate-500">{item.externalId}</div>
                </td>
                <td className="whitespace-nowrap px-4 py-2">{item.ok ? (item.isUpdate ? "update" : "create") : <span className="text-red-700">Can&apos;t send</span>}</td>
                <td className="px-4 py-2">
                  {item.ok ? (
                    <details>
                      <summary className="cursor-pointer text-slate-700">
                        Payload
                        {item.notes.length ? <span data-testid="preview-notes" className="ml-2 text-slate-600">{item.notes.join("; ")}</span> : null}
                      </summary>
                      <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-2 text-xs">{json(item.payload)}</pre>
                    </details>
                  ) : (
                    <ul className="list-disc pl-4 text-red-800">
                      {item.problems.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items.pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between border-t border-slate-200 px-4 py-2 text-sm">
          <span data-testid="preview-page">
            Page {number(items.page)} of {number(items.pageCount)} · {number(items.total)} deals
          </span>
          <span className="flex gap-3">
            {items.page > 1 ? (
              <Link className="text-indigo-700 underline" href={previewHref(baseQuery, current, { page: items.page - 1 })}>
                Previous page
              </Link>
            ) : null}
            {items.page < items.pageCount ? (
              <Link className="text-indigo-700 underline" href={previewHref(baseQuery, current, { page: items.page + 1 })}>
                Next page
              </Link>
            ) : null}
          </span>
        </nav>
      ) : null}
    </section>
  );
}

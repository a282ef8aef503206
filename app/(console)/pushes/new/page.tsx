import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { PushDestinationFields } from "@/components/destinations/push-destination-fields";
import { PushButtons } from "@/components/pushes/push-buttons";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { canAdminister } from "@/lib/auth/permissions";
import { decodeSelectionParam } from "@/lib/deals/selection-param";
import { DestinationError } from "@/lib/destinations/destination-error";
import { runOptionFields } from "@/lib/destinations/destination-form-values";
import { listDestinations } from "@/lib/destinations/list-destinations";
import { toAppError } from "@/lib/errors";
import { previewPush, type PushPreview } from "@/lib/sync/preview-push";
import { createSyncRunAction } from "../actions";

export const metadata: Metadata = { title: "Preview a push" };

/** The chosen destination's push options arrive as "options.<name>" (PushDestinationFields). */
type Search = { selection?: string; destination?: string } & Record<string, string | string[] | undefined>;

const json = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * What the person reads when the preview fails: the destination's answer (the http client
 * removes secrets) or a domain error's message; anything else is logged, never shown.
 */
function previewProblem(err: unknown): string {
  if (err instanceof DestinationError) return err.message;
  const appError = toAppError(err);
  if (appError.code !== "internal") return appError.message;
  console.error("[dealport] push preview failed:", err instanceof Error ? err.message : err);
  return "The preview failed unexpectedly. Try again; if it keeps failing, test the destination in Settings → Destinations or ask an admin to check the server log.";
}

export default async function NewPushPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const actor = await requirePageActor("operator", "/pushes/new");
  if (!params.selection) {
    return (
      <>
        <PageHeader title="Preview a push" />
        <EmptyState title="Nothing selected">
          <p>Select deals on the <Link className="text-indigo-700 underline" href="/deals">Deals</Link> page, then choose “Push selected…”.</p>
        </EmptyState>
      </>
    );
  }
  const destinations = await listDestinations();
  const chosen = destinations.find((d) => d.id === params.destination);
  // Only the chosen destination's own options, as given (empty ones are not chosen).
  const runOptions: Record<string, string> = {};
  for (const field of chosen ? runOptionFields(chosen.kind) : []) {
    const value = params[`options.${field.name}`];
    if (typeof value === "string" && value.trim() !== "") runOptions[field.name] = value;
  }
  let problem: string | null = null;
  let preview: PushPreview | null = null;
  try {
    decodeSelectionParam(params.selection);
    if (params.destination) preview = await previewPush(params.destination, decodeSelectionParam(params.selection), runOptions);
  } catch (err) {
    problem = previewProblem(err);
  }

  return (
    <>
      <PageHeader title="Preview a push" description="Exactly what each selected deal would send, or why it can't be sent. Nothing is sent until you push." />
      {destinations.length === 0 ? (
        <EmptyState title="No destinations yet">
          {canAdminister(actor) ? <Link className="text-indigo-700 underline" href="/settings/destinations">Add a destination</Link> : "Ask an admin to add a destination."}
        </EmptyState>
      ) : (
        <form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
          <input type="hidden" name="selection" value={params.selection} />
          <PushDestinationFields
            destinations={destinations.map((d) => ({ id: d.id, label: `${d.name} (${d.kind})`, runOptions: runOptionFields(d.kind) }))}
            chosenId={chosen?.id}
            values={runOptions}
          />
          <button className="rounded-md bg-slate-800 px-3 py-2 text-sm font-medium text-white hover:bg-slate-900">Preview</button>
        </form>
      )}
      {problem ? <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800">{problem}</p> : null}
      {preview ? (
        <section aria-labelledby="preview-heading">
          <div className="mb-4 flex flex-wrap items-center justify-between gap-4 rounded-xl border border-slate-200 bg-white p-4">
            <p id="preview-heading" data-testid="preview-counts" className="text-sm">
              <strong>{preview.total}</strong> deal{preview.total === 1 ? "" : "s"} selected · <strong>{preview.ready}</strong> ready ·{" "}
              <strong>{preview.blocked}</strong> can&apos;t be sent · {preview.updates} update{preview.updates === 1 ? "" : "s"} of earlier pushes
              {preview.planned < preview.total ? ` · first ${preview.planned} shown; the run checks the rest` : ""}
            </p>
            <PushButtons action={createSyncRunAction} destinationId={preview.destination.id} selection={params.selection} runOptions={runOptions} ready={preview.ready} />
          </div>
          <ul className="space-y-2">
            {preview.items.map((item) => (
              <li key={item.dealId} data-testid="preview-item" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <details>
                  <summary className="cursor-pointer">
                    <span className={item.ok ? "text-emerald-700" : "text-red-700"}>{item.ok ? "Ready" : "Can't send"}</span> · {item.name}{" "}
                    <span className="text-slate-500">({item.externalId})</span>
                    {item.problems ? <span className="ml-2 text-red-700">{item.problems.join("; ")}</span> : null}
                    {item.notes?.length ? <span data-testid="preview-notes" className="ml-2 text-slate-600">{item.notes.join("; ")}</span> : null}
                  </summary>
                  {item.ok ? <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs">{json(item.payload)}</pre> : null}
                </details>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

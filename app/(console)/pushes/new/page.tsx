import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requirePageActor } from "@/app/_lib/guard";
import { PushDestinationFields } from "@/components/destinations/push-destination-fields";
import { PushPreviewSelection } from "@/components/pushes/push-preview-selection";
import { PushPreviewSummary } from "@/components/pushes/push-preview-summary";
import { PushPreviewTable } from "@/components/pushes/push-preview-table";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { canAdminister } from "@/lib/auth/permissions";
import { describeSelection } from "@/lib/deals/describe-selection";
import { decodeSelectionParam } from "@/lib/deals/selection-param";
import { DestinationError } from "@/lib/destinations/destination-error";
import { runOptionFields } from "@/lib/destinations/destination-form-values";
import { listDestinations } from "@/lib/destinations/list-destinations";
import { destinationModule } from "@/lib/destinations/registry";
import { toAppError } from "@/lib/errors";
import { buildPushPreview } from "@/lib/sync/build-push-preview";
import { getPushPreview, listPushPreviewItems, type PushPreviewSummary as Preview } from "@/lib/sync/read-push-preview";

export const metadata: Metadata = { title: "Preview a push" };

/** The chosen destination's push options arrive as "options.<name>" (PushDestinationFields). */
type Search = { selection?: string; destination?: string } & Record<string, string | string[] | undefined>;

/** The table's own parameters (which deals, which reason, which page); the rest describe the preview. */
const TABLE_PARAMS = ["view", "reason", "page"];
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

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
  let selected: { text: string; count: number } | null = null;
  let preview: Preview | null = null;
  let builtId: string | null = null;
  const previewId = one(params.preview);
  try {
    const selection = decodeSelectionParam(params.selection);
    selected = await describeSelection(selection);
    // Planned once and kept: the page then only reads the summary and one page of deals.
    if (params.destination && !previewId) builtId = (await buildPushPreview({ destinationId: params.destination, selection, options: runOptions }, actor)).id;
    else if (previewId) preview = await getPushPreview(previewId);
  } catch (err) {
    problem = previewProblem(err);
  }
  const query = Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === "string" && !TABLE_PARAMS.includes(entry[0]));
  if (builtId) redirect(`/pushes/new?${new URLSearchParams([...query, ["preview", builtId]]).toString()}`);
  const items = preview ? await listPushPreviewItems(preview.id, { view: one(params.view), reason: one(params.reason), page: one(params.page) }) : null;
  const baseQuery = new URLSearchParams(query).toString();

  return (
    <>
      <PageHeader title="Preview a push" description="Exactly what each selected deal would send, or why it can't be sent. Nothing is sent until you push." />
      {selected ? <PushPreviewSelection text={selected.text} count={selected.count} /> : null}
      {destinations.length === 0 ? (
        <EmptyState title="No destinations yet">
          {canAdminister(actor) ? <Link className="text-indigo-700 underline" href="/settings/destinations">Add a destination</Link> : "Ask an admin to add a destination."}
        </EmptyState>
      ) : (
        <form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
          <input type="hidden" name="selection" value={params.selection} />
          <PushDestinationFields
            destinations={destinations.map((d) => ({ id: d.id, name: d.name, kind: destinationModule(d.kind).label, runOptions: runOptionFields(d.kind) }))}
            chosenId={chosen?.id}
            values={runOptions}
          />
          <button className="rounded-md bg-slate-800 px-3 py-2 text-sm font-medium text-white hover:bg-slate-900">Preview</button>
        </form>
      )}
      {problem ? <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800">{problem}</p> : null}
      {preview && items ? (
        <>
          <PushPreviewSummary summary={preview} baseQuery={baseQuery} current={{ view: items.view, reason: items.reason }} />
          <PushPreviewTable summary={preview} items={items} baseQuery={baseQuery} />
        </>
      ) : null}
    </>
  );
}

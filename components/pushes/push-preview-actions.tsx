"use client";

// The preview's buttons: push the ready deals or dry-run what is left (then straight to the
// run page), exclude the deals behind a reason, include them again.
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { excludePreviewItemsAction, includePreviewItemsAgainAction, pushFromPreviewAction } from "@/app/_actions/push-preview-actions";

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

function Outcome({ state }: { state: { ok: boolean; message?: string } | null }) {
  return (
    <span aria-live="polite" className="text-sm">
      {state && !state.ok ? <span role="alert" className="text-red-700">{state.message}</span> : null}
    </span>
  );
}

export function PushPreviewButtons({ previewId, ready, included }: { previewId: string; ready: number; included: number }) {
  const [state, formAction, pending] = useActionState(pushFromPreviewAction, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`/pushes/${state.data.runId}`);
  }, [state, router]);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="previewId" value={previewId} />
      <button name="dryRun" value="1" disabled={pending || included === 0} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        Dry run
      </button>
      <button name="dryRun" value="0" disabled={pending || ready === 0} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {pending ? "Starting…" : `Push the ${plural(ready, "ready deal")}`}
      </button>
      <Outcome state={state} />
    </form>
  );
}

function excludeLabel(count: number, reason: string | undefined) {
  if (!reason) return `Exclude all ${plural(count, "deal")} that can't be sent`;
  return count === 1 ? "Exclude this one" : `Exclude these ${count.toLocaleString("en-US")}`;
}

/** Without a reason: every deal that can't be sent. */
export function ExcludeButton({ previewId, reason, count }: { previewId: string; reason?: string; count: number }) {
  const [state, formAction, pending] = useActionState(excludePreviewItemsAction, null);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="previewId" value={previewId} />
      {reason ? <input type="hidden" name="reason" value={reason} /> : null}
      <button disabled={pending} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-60">
        {pending ? "Excluding…" : excludeLabel(count, reason)}
      </button>
      <Outcome state={state} />
    </form>
  );
}

export function IncludeAgainButton({ previewId, count }: { previewId: string; count: number }) {
  const [state, formAction, pending] = useActionState(includePreviewItemsAgainAction, null);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="previewId" value={previewId} />
      <button disabled={pending} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-60">
        {pending ? "Including…" : `Include the ${plural(count, "excluded deal")} again`}
      </button>
      <Outcome state={state} />
    </form>
  );
}

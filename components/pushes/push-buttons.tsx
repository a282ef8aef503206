"use client";

// Dry run / push from the preview; on success, straight to the run page to follow it.
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/app/_lib/action";

type Action = (prev: unknown, form: FormData) => Promise<ActionResult<{ runId: string }>>;

export function PushButtons({ action, destinationId, selection, runOptions, ready }: { action: Action; destinationId: string; selection: string; runOptions: Record<string, string>; ready: number }) {
  const [state, formAction, pending] = useActionState(action, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`/pushes/${state.data.runId}`);
  }, [state, router]);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="destinationId" value={destinationId} />
      <input type="hidden" name="selection" value={selection} />
      {Object.entries(runOptions).map(([name, value]) => (
        <input key={name} type="hidden" name={`options.${name}`} value={value} />
      ))}
      <button name="dryRun" value="1" disabled={pending} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        Dry run
      </button>
      <button name="dryRun" value="0" disabled={pending || ready === 0} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {pending ? "Starting…" : "Push"}
      </button>
      <span aria-live="polite" className="text-sm">
        {state && !state.ok ? <span role="alert" className="text-red-700">{state.message}</span> : null}
      </span>
    </form>
  );
}

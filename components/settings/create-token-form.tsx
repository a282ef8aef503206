"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/app/_lib/action";

type Created = { token: string; name: string };

export function CreateTokenForm({ action }: { action: (prev: unknown, form: FormData) => Promise<ActionResult<Created>> }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <div className="space-y-4">
      <form action={formAction} className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="token-name" className="block text-sm font-medium text-slate-700">Token name</label>
          <input id="token-name" name="name" required maxLength={80} placeholder="e.g. nightly sync"
            aria-describedby="token-name-error"
            className="mt-1 w-64 rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <div>
          <label htmlFor="token-expiry" className="block text-sm font-medium text-slate-700">Expires in (days)</label>
          <input id="token-expiry" name="expiresInDays" type="number" min={1} max={3650} placeholder="90"
            className="mt-1 w-32 rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <button disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
      <div aria-live="polite">
        {state && !state.ok ? (
          <p id="token-name-error" className="text-sm text-red-700">{state.fieldErrors?.name ?? state.message}</p>
        ) : null}
        {state?.ok ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm">
            <p className="font-medium">Copy the token “{state.data.name}” now — it will not be shown again.</p>
            <code data-testid="new-token" className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono">{state.data.token}</code>
          </div>
        ) : null}
      </div>
    </div>
  );
}

// Calling server actions over HTTP the way the browser does, for tests that must
// reach every action (authorization matrix) or forge one (origin check). Action ids
// come from the build's server-reference manifest.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { APIRequestContext } from "@playwright/test";

// React's own encoder for action arguments (what the browser runs), so the wire format
// follows the installed Next.js instead of a hand-written copy.
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.node.js") as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

export type BuiltAction = { id: string; file: string; name: string; pagePath: string };

type Manifest = { node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }> };

/** Every exported server action in the build, with a page that serves it. */
export function builtServerActions(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as Manifest;
  return Object.entries(manifest.node).flatMap(([id, entry]) => {
    const worker = Object.keys(entry.workers).find((w) => w.endsWith("/page"));
    // Inline "use server" closures ($$RSC_SERVER_ACTION_n) only forward to a listed
    // action; lib/auth/route-rules.test.ts checks that statically.
    if (!entry.filename || !entry.exportedName || entry.exportedName.startsWith("$$RSC_SERVER_ACTION") || !worker) return [];
    const pagePath = `/${worker.replace(/^app\//, "").replace(/\/page$/, "").split("/").filter((s) => !/^\(.*\)$/.test(s)).join("/")}`;
    return [{ id, file: entry.filename.replace(/^app\//, ""), name: entry.exportedName, pagePath }];
  });
}

/**
 * Posts `(prevState = undefined, formData)` to an action, as a form bound with
 * useActionState does; `fields: null` sends no form at all (the action's guard runs,
 * then its body fails on the missing form, so nothing can change). `rawArgs` replaces
 * the arguments altogether (for actions called directly, or hostile shapes).
 */
export async function callServerAction(
  request: APIRequestContext,
  baseURL: string,
  action: BuiltAction,
  fields: Record<string, string> | null,
  headers: Record<string, string> = {},
  rawArgs?: unknown[],
) {
  let args: unknown[] = rawArgs ?? [undefined];
  if (fields) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    args = [undefined, form];
  }
  const encoded = await encodeReply(args);
  // A FormData, not an object: the decoder needs the parts in the encoder's order, and
  // an object would move the integer-like key "0" first.
  let multipart = encoded;
  if (typeof multipart === "string") {
    multipart = new FormData();
    multipart.append("0", encoded as string);
  }
  return request.post(`${baseURL}${action.pagePath}`, {
    headers: { "next-action": action.id, accept: "text/x-component", ...headers },
    multipart,
    maxRedirects: 0,
  });
}

// The source's review webhook, called when a run is held: a small JSON POST with a link to
// the run's review page. The URL goes through the endpoint policy (SSRF) at call time too,
// redirects are not followed, and a failure is audited, never fatal: the run stays held.
import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { readEnv } from "@/lib/env";
import { checkedTransport } from "@/lib/net/checked-transport";
import { parseEndpointUrl } from "@/lib/net/endpoint-url";
import { loadEndpointPolicy } from "@/lib/settings/allow-private-endpoints";

const TIMEOUT_MS = 5000;

export async function notifyHeldImport(runId: string, fetchImpl: typeof fetch = fetch): Promise<"sent" | "failed" | "none"> {
  const run = await getDb().importRun.findUnique({ where: { id: runId }, include: { source: { select: { id: true, name: true, reviewWebhookUrl: true } } } });
  if (!run || run.status !== "held" || !run.source.reviewWebhookUrl) return "none";
  const link = new URL(`/imports/${run.id}`, readEnv().NEXTAUTH_URL ?? "http://localhost:3000").toString();
  const body = {
    event: "import.held",
    run: { id: run.id, number: run.number, source: { id: run.source.id, name: run.source.name }, reasons: run.holdReasons, counts: run.counts, expiresAt: run.expiresAt },
    link,
  };
  let failure: string | null = null;
  try {
    const policy = await loadEndpointPolicy();
    const url = parseEndpointUrl(run.source.reviewWebhookUrl, policy, "Review webhook URL");
    // The address is checked when the connection is made (lib/net/checked-transport.ts).
    const response = await fetchImpl(url, {
      dispatcher: checkedTransport(policy).dispatcher,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    } as RequestInit);
    if (!response.ok) failure = `answered HTTP ${response.status}`;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  if (failure) {
    await recordAuditEvent({
      actor: null,
      action: "import.webhook_failed",
      target: { type: "import_run", id: run.id },
      summary: `The review webhook of "${run.source.name}" for held run #${run.number} failed: ${failure}`,
    });
    return "failed";
  }
  return "sent";
}

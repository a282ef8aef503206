// One cheap authenticated GET against a JSON API, read the way each vendor answers.
import "server-only";
import type { Dispatcher } from "undici";
import { describeNetworkError, PROBE_TIMEOUT_MS, type ProbeResult } from "./probe-result";

export type HttpProbe = {
  /** The product, for messages ("ChartMogul"). */
  service: string;
  endpoint: string;
  url: string;
  headers: Record<string, string>;
  /** The checked transport (lib/net/checked-transport.ts); undefined: fetch's default. */
  dispatcher?: Dispatcher;
};

/** The vendor's own error text, if the body has one (ChartMogul, Pipeliner and Exact Sales shapes). */
function remoteMessage(body: unknown): string | null {
  const b = body as { message?: unknown; error?: unknown; errors?: unknown } | null;
  const pick = b?.message ?? (b?.error as { message?: unknown } | undefined)?.message ?? b?.error;
  return typeof pick === "string" ? pick.slice(0, 200) : null;
}

export async function probeHttpApi(probe: HttpProbe): Promise<ProbeResult> {
  let response: Response;
  try {
    // Redirects are not followed: a 3xx to an internal address must not be a way around the endpoint policy.
    response = await fetch(probe.url, {
      headers: { accept: "application/json", ...probe.headers },
      redirect: "manual",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      dispatcher: probe.dispatcher,
    } as RequestInit);
  } catch (err) {
    return { ok: false, status: null, message: describeNetworkError(err, probe.endpoint) };
  }
  const body = await response.json().catch(() => null);
  const said = remoteMessage(body);
  const detail = said ? `: ${said}` : "";
  if (response.ok) return { ok: true, status: response.status, message: `Connected: ${probe.service} accepted the credential` };
  if (response.status === 401 || response.status === 403) {
    return { ok: false, status: response.status, message: `${probe.service} refused the credential (HTTP ${response.status})${detail}` };
  }
  if (response.status === 404) {
    return { ok: false, status: 404, message: `${probe.service} answered 404 Not Found: check the endpoint URL${detail}` };
  }
  if (response.status === 429) return { ok: false, status: 429, message: `${probe.service} is rate limiting us (HTTP 429); try again in a minute` };
  if (response.status >= 300 && response.status < 400) {
    return { ok: false, status: response.status, message: `${probe.service} redirected (HTTP ${response.status}); use the final URL as the endpoint` };
  }
  return { ok: false, status: response.status, message: `${probe.service} answered HTTP ${response.status}${detail}` };
}

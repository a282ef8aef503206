// The client's address for per-IP limits. X-Forwarded-For is written by whoever sends
// the request, so only the entries appended by our own proxies count: with N trusted
// proxies the client is the N-th address from the right of [...X-Forwarded-For, socket
// peer]; with none (the default) it is the socket peer and the header is ignored.
import type { IncomingMessage } from "node:http";
import http from "node:http";
import { readEnv } from "@/lib/env";

/** Set on every incoming request by the server (never trusted from the client). */
export const CLIENT_IP_HEADER = "x-dealport-client-ip";

export function clientIpOf(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const hops = [...(trustedProxies > 0 ? forwarded : []), socketAddress ?? "unknown"];
  // Fewer hops than proxies: every entry came from a trusted proxy, so the leftmost is the client.
  const client = hops[Math.max(0, hops.length - 1 - trustedProxies)];
  return client.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
}

let installed = false;

/**
 * Stamps CLIENT_IP_HEADER on every request the Node HTTP server receives, before Next.js
 * sees it (route handlers get no socket): whatever the client sent under that name is
 * overwritten. Called once from instrumentation.ts.
 */
export function stampClientIpHeader(trustedProxies = readEnv().DEALPORT_TRUSTED_PROXIES ?? 0): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      req.headers[CLIENT_IP_HEADER] = clientIpOf(req.socket?.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}

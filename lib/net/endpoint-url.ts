// Configurable endpoints (S3 endpoint, API base URLs) are where Dealport sends
// credentials, so an admin-typed URL must not point the server at itself or its
// private network (SSRF). Outside production anything http(s) goes (developers and the
// demo talk to the loopback sandbox); in production http and private, loopback and
// link-local addresses are refused unless the admin setting allowPrivateEndpoints is on.
// A host name is judged when the connection is made (checked-transport.ts), not here.
import "server-only";
import { BlockList, isIP } from "node:net";
import { AppError } from "@/lib/errors";

export type EndpointPolicy = {
  /** NODE_ENV=production and not the demo. */
  production: boolean;
  /** The admin setting allowPrivateEndpoints. */
  allowPrivate: boolean;
};

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  PRIVATE.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["::", 96], // IPv4-compatible (deprecated)
  ["64:ff9b::", 96], // NAT64: reaches the IPv4 address in its last 32 bits, private ones included
  ["64:ff9b:1::", 48], // local-use NAT64
  ["2002::", 16], // 6to4: embeds an IPv4 address, private ones included
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  PRIVATE.addSubnet(net, prefix, "ipv6");
}

/** True for loopback, private, link-local and other non-public addresses (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped) return PRIVATE.check(mapped, "ipv4");
  const family = isIP(bare);
  if (family === 4) return PRIVATE.check(bare, "ipv4");
  if (family === 6) return PRIVATE.check(bare, "ipv6");
  return false;
}

function isLocalName(hostname: string) {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal");
}

/**
 * Parses an endpoint and applies the policy to what the URL itself says (scheme,
 * literal address, local host names). Throws AppError bad_request naming `label`.
 * Returns the normalised URL without a trailing slash, ready for appending paths.
 */
export function parseEndpointUrl(text: string, policy: EndpointPolicy, label = "Endpoint"): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new AppError("bad_request", `${label} must be an http(s) URL, e.g. https://api.example.com`, { endpoint: "not a URL" });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new AppError("bad_request", `${label} must be an http(s) URL, not ${url.protocol}`, { endpoint: "must be http(s)" });
  }
  if (url.username || url.password) {
    throw new AppError("bad_request", `${label} must not contain a user name or password; store those as a credential`, {
      endpoint: "contains credentials",
    });
  }
  if (policy.production && !policy.allowPrivate) {
    if (url.protocol === "http:") {
      throw new AppError("bad_request", `${label} must use https in production (an admin can allow private endpoints in Settings → Credentials)`, {
        endpoint: "must be https",
      });
    }
    if (isPrivateAddress(url.hostname) || isLocalName(url.hostname)) {
      throw new AppError("bad_request", `${label} points at a private or loopback address, which production refuses unless an admin allows private endpoints`, {
        endpoint: "private address",
      });
    }
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}${url.search}`;
}

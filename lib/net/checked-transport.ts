// Where the endpoint policy refuses private addresses, the check happens in the lookup of
// the connection itself: the address that passed the check is the address the socket
// connects to, and there is no second lookup an attacker's DNS could answer differently
// (DNS rebinding). Every client that sends a credential (fetch through undici, the S3
// SDK through Node's http/https agents) takes its transport from here.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Agent, type Dispatcher } from "undici";
import { isPrivateAddress, type EndpointPolicy } from "./endpoint-url";

export type Resolve = (hostname: string, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemResolve: Resolve = (hostname, callback) => dnsLookup(hostname, { all: true, verbatim: true }, callback);

/** The error a refused connection fails with; its code lets callers word it. */
export class PrivateAddressError extends Error {
  readonly code = "EPRIVATEADDRESS";
  constructor(hostname: string) {
    super(`${hostname} resolves to a private or loopback address, which production refuses unless an admin allows private endpoints`);
    this.name = "PrivateAddressError";
  }
}

export function refusesPrivateAddresses(policy: EndpointPolicy): boolean {
  return policy.production && !policy.allowPrivate;
}

/** A lookup for net/tls.connect that resolves once and refuses the host when any of its addresses is refused (private). */
export function checkedLookup(resolve: Resolve = systemResolve, refused: (address: string) => boolean = isPrivateAddress): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, "", 0);
      if (addresses.length === 0 || addresses.some((a) => refused(a.address))) return callback(new PrivateAddressError(hostname), "", 0);
      const usable = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, usable);
      if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: "ENOTFOUND" }), "", 0);
      callback(null, usable[0].address, usable[0].family);
    });
  };
}

export type CheckedTransport = {
  /** For fetch(): `dispatcher` (undefined: the default, nothing to check). */
  dispatcher: Dispatcher | undefined;
  /** For the S3 client's `requestHandler` (undefined: the SDK's default). */
  s3RequestHandler: { httpAgent: http.Agent; httpsAgent: https.Agent } | undefined;
};

const UNCHECKED: CheckedTransport = { dispatcher: undefined, s3RequestHandler: undefined };
let shared: CheckedTransport | null = null;

/** The transport for endpoints under `policy`: checked lookups where it refuses private addresses. */
export function checkedTransport(policy: EndpointPolicy, resolve?: Resolve): CheckedTransport {
  if (!refusesPrivateAddresses(policy)) return UNCHECKED;
  if (resolve) return buildTransport(checkedLookup(resolve));
  // One set of pooled agents per process: connections are reused, and each new one is checked.
  shared ??= buildTransport(checkedLookup());
  return shared;
}

function buildTransport(lookup: LookupFunction): CheckedTransport {
  return {
    dispatcher: new Agent({ connect: { lookup } }),
    s3RequestHandler: { httpAgent: new http.Agent({ keepAlive: true, lookup }), httpsAgent: new https.Agent({ keepAlive: true, lookup }) },
  };
}

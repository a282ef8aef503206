// The endpoint a credential's secret may be sent to is part of the credential: stored with
// it, shown with it, and changed only by saving the secret again. Sources, destinations and
// "Test connection" send the secret there and nowhere else; a URL of their own is at most
// a restatement of it, refused when it differs (an admin session must not be able to point
// a stored key at a host it controls and read it there).
import { AppError } from "@/lib/errors";
import { credentialKindEntry, type CredentialKind } from "./kinds";

/** Same URL up to a trailing slash and the case of scheme and host. */
export function sameEndpoint(a: string, b: string): boolean {
  const normal = (text: string) => {
    try {
      const url = new URL(text.trim());
      return `${url.origin}${url.pathname.replace(/\/+$/, "")}${url.search}`;
    } catch {
      return text.trim();
    }
  };
  return normal(a) === normal(b);
}

/** The endpoint in force: the stored one, else the kind's default (undefined: AWS S3 for the region). */
export function effectiveEndpoint(kind: CredentialKind, stored: string | null, secret: Record<string, unknown>): string | undefined {
  const endpoint = credentialKindEntry(kind).endpoint;
  if ("secretField" in endpoint) return String(secret[endpoint.secretField]);
  return stored ?? ("default" in endpoint ? endpoint.default : undefined);
}

/**
 * The endpoint to send `credential`'s secret to. `configured` is a URL a source or
 * destination names itself (legacy field): allowed only when it is the credential's own.
 */
export function endpointForCredential(
  credential: { name: string; endpoint: string | undefined },
  configured: string | undefined,
  label: string,
): string | undefined {
  if (configured && !(credential.endpoint && sameEndpoint(configured, credential.endpoint))) {
    throw new AppError(
      "bad_request",
      `${label} ${configured} is not the endpoint of credential "${credential.name}" (${credential.endpoint ?? "AWS S3"}); its secret is only ever sent there. ` +
        "Clear the URL here, or save the credential again with the new endpoint and its secret",
      { endpoint: "not the credential's endpoint" },
    );
  }
  return credential.endpoint;
}

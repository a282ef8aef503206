// The endpoint a credential's secret may be sent to is part of the credential: stored with
// it, shown with it, and changed only by saving the secret again. Sources, destinations and
// "Test connection" send the secret there and nowhere else; a URL of their own is at most
// a restatement of it, refused when it differs (an admin session must not be able to point
// a stored key at a host it controls and read it there).
import { AppError } from "@/lib/errors";
import type { CredentialKind } from "./kinds";

/** Where each kind is reached when its credential names no endpoint. */
export const DEFAULT_ENDPOINTS: Record<CredentialKind, string | null> = {
  s3: null, // AWS: derived from the region
  gcs_hmac: "https://storage.googleapis.com",
  chartmogul: "https://api.chartmogul.com",
  pipeliner: null, // the service URL sealed in the secret
  exact_sales: "https://api.exactspotter.com/v3",
};

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
  if (kind === "pipeliner") return String(secret.serviceUrl);
  return stored ?? DEFAULT_ENDPOINTS[kind] ?? undefined;
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

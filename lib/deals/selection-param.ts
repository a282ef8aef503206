// A DealSelection in a URL (`/pushes/new?selection=…`): base64url of its JSON, so a
// selection survives a link, a reload and the back button. Browser-safe.
import { AppError } from "@/lib/errors";
import { dealSelectionSchema, type DealSelection } from "./deal-filter";

const bigintAsText = (_key: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value);

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(encoded: string): string {
  const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeSelectionParam(selection: DealSelection): string {
  return toBase64Url(JSON.stringify(dealSelectionSchema.parse(selection), bigintAsText));
}

/** Parses and validates; a malformed or tampered parameter is a 400 naming the problem. */
export function decodeSelectionParam(param: string): DealSelection {
  let json: unknown;
  try {
    json = JSON.parse(fromBase64Url(param));
  } catch {
    throw new AppError("bad_request", "The selection parameter is not base64url-encoded JSON");
  }
  const parsed = dealSelectionSchema.safeParse(json);
  if (!parsed.success) throw new AppError("bad_request", "The selection parameter is not a valid deal selection", parsed.error.issues);
  return parsed.data;
}

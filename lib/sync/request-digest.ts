import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/imports/canonical";

/** sha256 of the payload's canonical JSON: equal requests, equal digests (also the Link's content hash). */
export function requestDigest(payload: unknown): string {
  return createHash("sha256").update(canonicalJson(payload)).digest("hex");
}

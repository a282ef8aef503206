// The matching options a destination's config carries: which account field holds the
// destination's own id for rule 2 ("external id equal to a configurable account field").
import { z } from "zod";

const FIELD = /^(none|externalId|properties\.[A-Za-z0-9_-]{1,100})$/;

/** "externalId" (the account's id at its source), "properties.<name>" (an imported column), or "none". */
export const matchFieldOption = (fallback: "externalId" | "none") =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    z
      .string()
      .regex(FIELD, 'must be "externalId", "properties.<name>" or "none"')
      .default(fallback),
  );

/** The configured field's value for an account, as text; null when unset or empty. */
export function accountFieldValue(account: { externalId: string; properties: Record<string, unknown> }, field: string): string | null {
  if (field === "externalId") return account.externalId;
  if (!field.startsWith("properties.")) return null;
  const key = field.slice("properties.".length);
  if (!Object.hasOwn(account.properties, key)) return null;
  const value = account.properties[key];
  return (typeof value === "string" && value.trim()) || (typeof value === "number" && String(value)) || null;
}

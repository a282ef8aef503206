// Mappings an admin edits as lines of text ("Closed Won = Closed Won | won | 100"),
// stored as structured JSON. The same zod field accepts either form, so the settings
// form, the API and the CLI share one schema.
import { z } from "zod";
import { isReservedKey, RESERVED_KEY_MESSAGE } from "@/lib/input/unsafe-input";

/** "key = value" lines (blank lines and # comments ignored) → { key: value }. */
export function parseMappingLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) throw new Error(`"${line}" is not of the form "from = to"`);
    const from = line.slice(0, eq).trim();
    if (isReservedKey(from)) throw new Error(`"${from}" ${RESERVED_KEY_MESSAGE}`);
    out[from] = line.slice(eq + 1).trim();
  }
  return out;
}

export function formatMappingLines(map: Record<string, string>): string {
  return Object.entries(map)
    .map(([from, to]) => `${from} = ${to}`)
    .join("\n");
}

/** "3 stages", "1 owner": how many entries a mapping holds, for summaries. */
export function mappedCount(map: Record<string, unknown>, noun: string): string {
  const n = Object.keys(map).length;
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * A mapping field: an object, or mapping lines whose right-hand sides `decode` turns
 * into the stored value (throwing a message on a bad line).
 */
export function mappingField<T extends z.ZodType>(value: T, decode: (right: string) => unknown = (right) => right) {
  return z.preprocess((input, ctx) => {
    if (typeof input !== "string") return input ?? {};
    try {
      return Object.fromEntries(Object.entries(parseMappingLines(input)).map(([from, right]) => [from, decode(right)]));
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
      return z.NEVER;
    }
  }, z.record(z.string().min(1).max(200).refine((key) => !isReservedKey(key), RESERVED_KEY_MESSAGE), value).default({}));
}

/** An optional text field where an empty form input means "not set". */
export const optionalText = (max = 200) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), z.string().max(max).optional());

/** A number field that also accepts form text. */
export const numberField = (min: number, max: number, fallback: number) =>
  z.preprocess((v) => (v === "" || v === undefined || v === null ? undefined : typeof v === "string" ? Number(v) : v), z.number().min(min).max(max).default(fallback));

// A stored destination's options as the settings form shows them: mappings back as
// "from = to" lines. The inverse of the mapping fields in each config schema.
import { encodeStageRule, type ChartMogulStageRule } from "./chartmogul/config";
import { formatMappingLines } from "./mapping-lines";

export function destinationFormValues(kind: string, options: unknown): Record<string, string> {
  const o = (options ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(o)) {
    if (value === null || value === undefined) continue;
    if (key === "stages" && kind === "chartmogul") {
      out[key] = formatMappingLines(Object.fromEntries(Object.entries(value as Record<string, ChartMogulStageRule>).map(([from, rule]) => [from, encodeStageRule(rule)])));
    } else if (Array.isArray(value)) out[key] = value.join("\n");
    else if (typeof value === "object") out[key] = formatMappingLines(value as Record<string, string>);
    else out[key] = String(value);
  }
  return out;
}

// What an admin configures for a ChartMogul destination (the API key is the credential).
import { z } from "zod";
import { matchFieldOption } from "@/lib/matching/match-config";
import { mappingField, numberField, optionalText } from "../mapping-lines";

export const FORECAST_CATEGORIES = ["pipeline", "best_case", "committed", "lost", "won"] as const;
export const OPPORTUNITY_TYPES = ["recurring", "one-time"] as const;

const stageRule = z.object({
  stage: z.string().min(1).max(200),
  forecastCategory: z.enum(FORECAST_CATEGORIES).optional(),
  winLikelihood: z.number().int().min(0).max(100).optional(),
});
export type ChartMogulStageRule = z.infer<typeof stageRule>;

/** "Closed Won | won | 100" → { stage, forecastCategory, winLikelihood }. */
function decodeStageRule(right: string): ChartMogulStageRule {
  const [stage, forecast, likelihood] = right.split("|").map((part) => part.trim());
  if (forecast && !(FORECAST_CATEGORIES as readonly string[]).includes(forecast)) {
    throw new Error(`"${forecast}" is not a forecast category (${FORECAST_CATEGORIES.join(", ")})`);
  }
  if (likelihood && !/^\d{1,3}$/.test(likelihood)) throw new Error(`win likelihood "${likelihood}" must be a whole number 0–100`);
  return {
    stage,
    ...(forecast ? { forecastCategory: forecast as ChartMogulStageRule["forecastCategory"] } : {}),
    ...(likelihood ? { winLikelihood: Number(likelihood) } : {}),
  };
}

export function encodeStageRule(rule: ChartMogulStageRule): string {
  return [rule.stage, rule.forecastCategory ?? "", rule.winLikelihood ?? ""].join(" | ").replace(/( \| )+$/, "");
}

export const chartmogulConfigSchema = z.object({
  /** Optional restatement of the credential's endpoint, where the key is sent (must match it). */
  apiUrl: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https?$/ }).optional()),
  /** The documented limit is 40/s per account; stay a little under it. */
  requestsPerSecond: numberField(0.1, 40, 38),
  /** ChartMogul answers 503 beyond 20 parallel connections. */
  maxConcurrent: numberField(1, 20, 8),
  opportunityType: z.enum(OPPORTUNITY_TYPES).default("recurring"),
  /** Deal pipeline → ChartMogul pipeline name; unmapped pipelines pass through by name. */
  pipelines: mappingField(z.string().min(1).max(200)),
  defaultPipeline: optionalText(),
  /** Deal stage → ChartMogul pipeline stage (+ forecast category, win likelihood). Unmapped stages can't be sent. */
  stages: mappingField(stageRule, decodeStageRule),
  /** Deal owner e-mail → ChartMogul user e-mail (a CRM seat holder). */
  owners: mappingField(z.email()),
  defaultOwner: optionalText().pipe(z.email().optional()),
  /**
   * Other ChartMogul users with a CRM seat, by e-mail (commas or lines). ChartMogul has
   * no documented user list, so an owner is known when it is listed here, is a mapping
   * target or is the default owner; anyone else falls back to the default owner.
   */
  crmUsers: z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[\s,;]+/).filter(Boolean) : (v ?? [])),
    z.array(z.email().transform((e) => e.toLowerCase())).max(500),
  ),
  /** The account field that holds ChartMogul's external_id (matching rule 2). */
  matchField: matchFieldOption("externalId"),
});

export type ChartMogulConfig = z.output<typeof chartmogulConfigSchema>;

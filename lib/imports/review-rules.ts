// When an import run is held for review instead of applied: per-source rules (Source.reviewRules,
// {} meaning the defaults), checked against the staged snapshot's diff before anything is applied.
import { z } from "zod";

// A blank form field or null switches a rule off.
const percent = (label: string, fallback: number) =>
  z.preprocess(
    (v) => (v === "" ? null : v),
    z.coerce.number({ error: `${label}: a number from 0 to 100, or blank for off` }).min(0, `${label}: 0 to 100`).max(100, `${label}: 0 to 100`).nullable(),
  ).default(fallback);

export const reviewRulesSchema = z.object({
  /** "rules": hold when a rule below trips; "always": hold every run that changes something; "never": apply every run. */
  mode: z.enum(["rules", "always", "never"], { error: "mode: rules, always or never" }).default("rules"),
  /** Removed deals, percent of the source's live deals. */
  removedPercent: percent("Removed", 10),
  /** Rejected rows, percent of the rows read. */
  rejectedPercent: percent("Rejected", 5),
  /** Changed deals, percent of the source's live deals. */
  changedPercent: percent("Changed", 50),
  /** A snapshot with fewer rows than this percent of the last applied one's. */
  minSizePercent: percent("Drop size", 50),
  /** Held runs not approved or discarded by then expire (their staging is freed). */
  expiryDays: z.coerce.number({ error: "Expiry: whole days" }).int("Expiry: whole days").min(1, "Expiry: 1 to 90 days").max(90, "Expiry: 1 to 90 days").default(7),
});
export type ReviewRules = z.output<typeof reviewRulesSchema>;

export const DEFAULT_REVIEW_RULES: ReviewRules = reviewRulesSchema.parse({});

/** Stored rules, tolerant of older or hand-edited JSON: anything invalid falls back to the defaults. */
export function readReviewRules(stored: unknown): ReviewRules {
  const parsed = reviewRulesSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_REVIEW_RULES;
}

export interface StagedDiffStats {
  liveDeals: number;
  newDeals: number;
  changedDeals: number;
  removedDeals: number;
  rejectedRows: number;
  rowsRead: number;
  /** Rows of the last applied run of the source; null when there is none. */
  previousRows: number | null;
  /** A full snapshot (removals and the size rule only make sense for those). */
  snapshot: boolean;
}

export interface HoldReason {
  rule: "always" | "removed" | "rejected" | "changed" | "drop_size";
  /** The rule's threshold and the run's figure, both in percent. */
  threshold: number | null;
  actual: number | null;
  message: string;
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10);

/** The rules this run trips; empty: apply it. */
export function evaluateReviewRules(rules: ReviewRules, stats: StagedDiffStats): HoldReason[] {
  if (rules.mode === "never") return [];
  const changesSomething = stats.newDeals + stats.changedDeals + stats.removedDeals > 0;
  if (rules.mode === "always") {
    return changesSomething ? [{ rule: "always", threshold: null, actual: null, message: "This source holds every run for review" }] : [];
  }
  const reasons: HoldReason[] = [];
  const check = (rule: HoldReason["rule"], threshold: number | null, actual: number, message: string) => {
    if (threshold !== null && actual > threshold) reasons.push({ rule, threshold, actual, message });
  };
  if (stats.liveDeals > 0) {
    const removed = pct(stats.removedDeals, stats.liveDeals);
    check("removed", rules.removedPercent, removed, `Removes ${stats.removedDeals} of ${stats.liveDeals} live deals (${removed}%); the rule holds above ${rules.removedPercent}%`);
    const changed = pct(stats.changedDeals, stats.liveDeals);
    check("changed", rules.changedPercent, changed, `Changes ${stats.changedDeals} of ${stats.liveDeals} live deals (${changed}%); the rule holds above ${rules.changedPercent}%`);
  }
  if (stats.rowsRead > 0) {
    const rejected = pct(stats.rejectedRows, stats.rowsRead);
    check("rejected", rules.rejectedPercent, rejected, `Rejects ${stats.rejectedRows} of ${stats.rowsRead} rows (${rejected}%); the rule holds above ${rules.rejectedPercent}%`);
  }
  if (stats.snapshot && stats.previousRows && rules.minSizePercent !== null) {
    const size = pct(stats.rowsRead, stats.previousRows);
    // "Less than half the size": the shortfall is what trips, so compare the other way round.
    if (size < rules.minSizePercent) {
      reasons.push({
        rule: "drop_size",
        threshold: rules.minSizePercent,
        actual: size,
        message: `Has ${stats.rowsRead} rows, ${size}% of the last applied run's ${stats.previousRows}; the rule holds below ${rules.minSizePercent}%`,
      });
    }
  }
  return reasons;
}

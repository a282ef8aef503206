// An admin sets when a source's runs are held for review, how long held runs live, and the
// webhook called when one is held (checked against the endpoint policy, like every URL we call).
// Webhook URLs often carry a secret token, so, like a credential, one is never shown or audited
// whole again: blank keeps the stored one, and only its origin is displayed.
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { reviewRulesSchema, type ReviewRules } from "@/lib/imports/review-rules";
import { parseEndpointUrl } from "@/lib/net/endpoint-url";
import { loadEndpointPolicy } from "@/lib/settings/allow-private-endpoints";
import { describeWebhook } from "./list-sources";

export const saveSourceReviewSchema = reviewRulesSchema.extend({
  sourceId: z.string({ error: "sourceId is required" }).trim().min(1, "sourceId is required"),
  webhookUrl: z.string().trim().max(2000, "Webhook URL: at most 2000 characters").optional().transform((v) => v || null),
  clearWebhook: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional().default(false),
});

export async function saveSourceReview(input: unknown, actor: Actor | null): Promise<{ reviewRules: ReviewRules; webhook: string | null }> {
  const { sourceId, webhookUrl, clearWebhook, ...rules } = saveSourceReviewSchema.parse(input);
  let reviewWebhookUrl: string | null = null;
  if (webhookUrl) {
    try {
      reviewWebhookUrl = parseEndpointUrl(webhookUrl, await loadEndpointPolicy(), "Webhook URL");
    } catch (error) {
      if (error instanceof AppError) throw new AppError("validation_failed", error.message, { webhookUrl: error.message });
      throw error;
    }
  }
  const db = getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.source.findUnique({ where: { id: sourceId }, select: { name: true, reviewRules: true, reviewWebhookUrl: true } });
    if (!before) throw new AppError("not_found", `No source with id ${sourceId}`);
    const kept = clearWebhook ? null : (reviewWebhookUrl ?? before.reviewWebhookUrl);
    await tx.source.update({ where: { id: sourceId }, data: { reviewRules: rules, reviewWebhookUrl: kept } });
    await recordAuditEvent(
      {
        actor,
        action: "source.review_rules",
        target: { type: "source", id: sourceId },
        summary: `Set the review rules of "${before.name}" (${rules.mode === "rules" ? "hold when a rule trips" : rules.mode === "always" ? "always hold" : "never hold"})`,
        details: { after: { ...rules, webhook: describeWebhook(kept) }, before: { rules: before.reviewRules as object, webhook: describeWebhook(before.reviewWebhookUrl) } },
      },
      tx,
    );
    return { reviewRules: rules, webhook: describeWebhook(kept) };
  });
}

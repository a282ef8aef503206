"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/app/_lib/action";
import { readForm } from "@/app/_lib/form-data";
import { decideAccountLinkSuggestion, saveAccountLinkRule } from "@/lib/accounts/link-accounts";
import { decideDealLinkSuggestion, saveDealLinkRule } from "@/lib/deals/link-deals";
import { saveLinkedFieldSources } from "@/lib/deals/linked-field-sources";
import { deleteLinkRule } from "@/lib/linking/delete-link-rule";
import { decideLinkSuggestionSchema, linkRuleSchema } from "@/lib/linking/link-schemas";

// Linking changes what browse, deal pages, accounts and the Matching view show.
function revalidateLinked() {
  revalidatePath("/settings/linking");
  revalidatePath("/deals", "layout");
  revalidatePath("/accounts", "layout");
  revalidatePath("/matching", "layout");
}

const decided = (decision: "confirm" | "dismiss", noun: string) =>
  decision === "confirm" ? `Linked: the ${noun} now browse and push as one` : "Kept apart";

export const saveDealLinkRuleAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const rule = await saveDealLinkRule(linkRuleSchema.parse(readForm(form)), actor);
  revalidateLinked();
  return { message: `Deals link when ${rule.field} equals ${rule.otherField}; the next import of either source applies it` };
});

export const saveAccountLinkRuleAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const rule = await saveAccountLinkRule(linkRuleSchema.parse(readForm(form)), actor);
  revalidateLinked();
  return { message: `Accounts link when ${rule.field} equals ${rule.otherField}; the next import of either source applies it` };
});

const deleteLinkRuleSchema = z.object({ kind: z.enum(["deal", "account"]), ruleId: z.string().min(1).max(64) });

export const deleteLinkRuleAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const { kind, ruleId } = deleteLinkRuleSchema.parse(readForm(form));
  await deleteLinkRule(kind, ruleId, actor);
  revalidateLinked();
  return { message: "Rule removed; links it made stay" };
});

export const saveLinkedFieldSourcesAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const saved = await saveLinkedFieldSources(readForm(form), actor);
  revalidateLinked();
  const count = Object.keys(saved).length;
  return { message: count ? `Saved: ${count} field${count === 1 ? "" : "s"} with a preferred source` : "Saved: every field from the most recently updated source" };
});

export const decideDealSuggestionAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const input = decideLinkSuggestionSchema.parse(readForm(form));
  await decideDealLinkSuggestion(input.suggestionId, input.decision, actor);
  revalidateLinked();
  return { message: decided(input.decision, "deals") };
});

export const decideAccountSuggestionAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const input = decideLinkSuggestionSchema.parse(readForm(form));
  await decideAccountLinkSuggestion(input.suggestionId, input.decision, actor);
  revalidateLinked();
  return { message: decided(input.decision, "accounts") };
});

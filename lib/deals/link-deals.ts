// Deals from different sources that are the same record form one link group
// (lib/linking/merge-link-groups.ts). Groups grow set-based after each import (rules per
// source pair) and when an operator confirms a suggestion (same name, amount and account domain).
import type pg from "pg";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { linkRuleSchema, type LinkDecision, type LinkRuleInput } from "@/lib/linking/link-schemas";
import { DEAL_GROUPS, domainOf, mergeGroups, otherSourcesHave, pgExecute, unlinkRemoved } from "@/lib/linking/merge-link-groups";

// A rule field is the source's external id or one of the deal's properties (a column of the file).
const ruleKey = (alias: string, param: string) => `(case when ${param} = 'externalId' then ${alias}."externalId" else ${alias}.properties->>${param} end)`;

/**
 * After an import's apply (inside its transaction): links the source's live deals to other
 * sources' deals by the configured rules, and stores name + amount + domain matches as
 * suggestions. Removed deals leave their group first. Returns what it did.
 */
export async function linkImportedDeals(client: pg.Client, sourceId: string, runId: string): Promise<{ linked: number; suggested: number }> {
  const execute = pgExecute(client);
  await unlinkRemoved(execute, DEAL_GROUPS, sourceId);
  const rules = await client.query<{ sourceId: string; field: string; otherSourceId: string; otherField: string }>(
    `select "sourceId", field, "otherSourceId", "otherField" from "DealLinkRule" where "sourceId" = $1 or "otherSourceId" = $1`,
    [sourceId],
  );
  let linked = 0;
  for (const rule of rules.rows) {
    linked += await mergeGroups(
      execute,
      DEAL_GROUPS,
      `select a.id as a, b.id as b from "Deal" a join "Deal" b on ${ruleKey("a", "$2::text")} = ${ruleKey("b", "$4::text")}
       where a."sourceId" = $1 and b."sourceId" = $3 and a."removedAt" is null and b."removedAt" is null`,
      [rule.sourceId, rule.field, rule.otherSourceId, rule.otherField],
      runId,
    );
  }
  if (!(await otherSourcesHave(client, "Deal", sourceId))) return { linked, suggested: 0 };
  // a: the source's deal, b: another source's (a join over all deals' pairs costs a hash of every deal twice); the pair is stored smaller id first.
  const suggested = await execute(
    `insert into "DealLinkSuggestion" (id, "dealId", "otherDealId", "runId")
     select gen_random_uuid()::text, least(a.id, b.id), greatest(a.id, b.id), $2
     from "Deal" a join "Deal" b on lower(a.name) = lower(b.name) and a."amountMinor" = b."amountMinor" and a.currency = b.currency
       left join "Account" aa on aa.id = a."accountId" left join "Account" ba on ba.id = b."accountId"
     where a."sourceId" = $1 and b."sourceId" <> $1 and a."removedAt" is null and b."removedAt" is null
       and coalesce(a."linkedToDealId", a.id) <> coalesce(b."linkedToDealId", b.id)
       -- An account without a url (or no account) does not rule the match out; two different domains do.
       and (${domainOf("aa.url")} is null or ${domainOf("ba.url")} is null or ${domainOf("aa.url")} = ${domainOf("ba.url")})
     on conflict ("dealId", "otherDealId") do nothing`,
    [sourceId, runId],
  );
  return { linked, suggested };
}

export function listDealLinkRules() {
  return getDb().dealLinkRule.findMany({ orderBy: { createdAt: "asc" } });
}

/** Saves the rule for a source pair (one per pair, either order); the next import of either source applies it. */
export async function saveDealLinkRule(input: LinkRuleInput, actor: Actor | null) {
  const rule = linkRuleSchema.parse(input);
  const db = getDb();
  const sources = await db.source.count({ where: { id: { in: [rule.sourceId, rule.otherSourceId] } } });
  if (sources !== 2) throw new AppError("not_found", "Both sources of a link rule must exist");
  return db.$transaction(async (tx) => {
    await tx.dealLinkRule.deleteMany({ where: { sourceId: rule.otherSourceId, otherSourceId: rule.sourceId } });
    const saved = await tx.dealLinkRule.upsert({
      where: { sourceId_otherSourceId: { sourceId: rule.sourceId, otherSourceId: rule.otherSourceId } },
      create: rule,
      update: { field: rule.field, otherField: rule.otherField },
    });
    await recordAuditEvent({ actor, action: "deal_link_rule.save", target: { type: "deal_link_rule", id: saved.id }, summary: `Deals link when ${rule.field} equals ${rule.otherField}`, details: rule }, tx);
    return saved;
  });
}

/** An operator's answer to a suggestion: confirm joins the two deals' groups, dismiss keeps them apart. */
export async function decideDealLinkSuggestion(id: string, decision: LinkDecision, actor: Actor) {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const suggestion = await tx.dealLinkSuggestion.findUnique({ where: { id } });
    if (!suggestion) throw new AppError("not_found", "No such link suggestion");
    if (suggestion.status !== "pending") throw new AppError("conflict", `The suggestion was already ${suggestion.status}`);
    if (decision === "confirm") {
      await mergeGroups((sql, params) => tx.$executeRawUnsafe(sql, ...params), DEAL_GROUPS, `select $1::text as a, $2::text as b`, [suggestion.dealId, suggestion.otherDealId], null);
    }
    await tx.dealLinkSuggestion.update({ where: { id }, data: { status: decision === "confirm" ? "confirmed" : "dismissed", decidedAt: new Date(), decidedById: actor.id } });
    await recordAuditEvent(
      { actor, action: `deal_link.${decision}`, target: { type: "deal", id: suggestion.dealId }, summary: `${decision === "confirm" ? "Linked" : "Kept apart"} deals ${suggestion.dealId} and ${suggestion.otherDealId}` },
      tx,
    );
  });
}

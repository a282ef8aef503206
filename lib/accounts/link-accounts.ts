// Accounts from different sources that are the same customer form one link group
// (lib/linking/merge-link-groups.ts), as deals do: by a rule per source pair after each
// import, or by an operator confirming a suggestion (same url domain, else same name).
// Browse lists a group once and a push sends its account once, through the group's account.
import type pg from "pg";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { linkRuleSchema, type LinkDecision, type LinkRuleInput } from "@/lib/linking/link-schemas";
import { ACCOUNT_GROUPS, domainOf, mergeGroups, otherSourcesHave, pgExecute, unlinkRemoved } from "@/lib/linking/merge-link-groups";

/** A name with case and runs of spaces ignored. */
const nameKeyOf = (column: string) => `nullif(regexp_replace(lower(btrim(${column})), '\\s+', ' ', 'g'), '')`;

// A rule field: the source's external id, the url's domain, the name, or one of the account's properties (e.g. cnpj).
const ruleKey = (alias: string, param: string) =>
  `(case ${param} when 'externalId' then ${alias}."externalId" when 'domain' then ${domainOf(`${alias}.url`)} when 'name' then ${nameKeyOf(`${alias}.name`)}
     else nullif(btrim(${alias}.properties->>${param}), '') end)`;

/**
 * After an import's apply (inside its transaction): links the source's live accounts to other
 * sources' accounts by the configured rules, and stores same-domain or same-name pairs as
 * suggestions. Removed accounts leave their group first.
 */
export async function linkImportedAccounts(client: pg.Client, sourceId: string, runId: string): Promise<{ linked: number; suggested: number }> {
  const execute = pgExecute(client);
  await unlinkRemoved(execute, ACCOUNT_GROUPS, sourceId);
  const rules = await client.query<{ sourceId: string; field: string; otherSourceId: string; otherField: string }>(
    `select "sourceId", field, "otherSourceId", "otherField" from "AccountLinkRule" where "sourceId" = $1 or "otherSourceId" = $1`,
    [sourceId],
  );
  let linked = 0;
  for (const rule of rules.rows) {
    linked += await mergeGroups(
      execute,
      ACCOUNT_GROUPS,
      `select a.id as a, b.id as b from "Account" a join "Account" b on ${ruleKey("a", "$2::text")} = ${ruleKey("b", "$4::text")}
       where a."sourceId" = $1 and b."sourceId" = $3 and a."removedAt" is null and b."removedAt" is null`,
      [rule.sourceId, rule.field, rule.otherSourceId, rule.otherField],
      runId,
    );
  }
  if (!(await otherSourcesHave(client, "Account", sourceId))) return { linked, suggested: 0 };
  // The source's accounts against other sources' ones, as two equi-joins (domain, name): a join
  // on "domain or name" over all accounts is a nested loop, quadratic in the accounts.
  const suggested = await execute(
    `with mine as (
       select id, ${domainOf("url")} as domain, ${nameKeyOf("name")} as name_key, coalesce("linkedToAccountId", id) as root
       from "Account" where "sourceId" = $1 and "removedAt" is null
     ), others as (
       select id, ${domainOf("url")} as domain, ${nameKeyOf("name")} as name_key, coalesce("linkedToAccountId", id) as root
       from "Account" where "sourceId" <> $1 and "removedAt" is null
     ), pairs as (
       select m.id as mine, o.id as other, m.domain = o.domain as same_domain from mine m join others o on o.domain = m.domain where m.root <> o.root
       union
       -- Two different domains are two customers, whatever their names.
       select m.id, o.id, m.domain = o.domain from mine m join others o on o.name_key = m.name_key
       where m.root <> o.root and (m.domain is null or o.domain is null or m.domain = o.domain)
     )
     insert into "AccountLinkSuggestion" (id, "accountId", "otherAccountId", reason, "runId")
     select gen_random_uuid()::text, least(mine, other), greatest(mine, other), case when same_domain then 'domain' else 'name' end, $2
     from pairs
     on conflict ("accountId", "otherAccountId") do nothing`,
    [sourceId, runId],
  );
  return { linked, suggested };
}

export function listAccountLinkRules() {
  return getDb().accountLinkRule.findMany({ orderBy: { createdAt: "asc" } });
}

/** Saves the account rule for a source pair (one per pair, either order); the next import of either source applies it. */
export async function saveAccountLinkRule(input: LinkRuleInput, actor: Actor | null) {
  const rule = linkRuleSchema.parse(input);
  const db = getDb();
  const sources = await db.source.count({ where: { id: { in: [rule.sourceId, rule.otherSourceId] } } });
  if (sources !== 2) throw new AppError("not_found", "Both sources of a link rule must exist");
  return db.$transaction(async (tx) => {
    await tx.accountLinkRule.deleteMany({ where: { sourceId: rule.otherSourceId, otherSourceId: rule.sourceId } });
    const saved = await tx.accountLinkRule.upsert({
      where: { sourceId_otherSourceId: { sourceId: rule.sourceId, otherSourceId: rule.otherSourceId } },
      create: rule,
      update: { field: rule.field, otherField: rule.otherField },
    });
    await recordAuditEvent(
      { actor, action: "account_link_rule.save", target: { type: "account_link_rule", id: saved.id }, summary: `Accounts link when ${rule.field} equals ${rule.otherField}`, details: rule },
      tx,
    );
    return saved;
  });
}

/** An operator's answer to a suggestion: confirm joins the two accounts' groups, dismiss keeps them apart. */
export async function decideAccountLinkSuggestion(id: string, decision: LinkDecision, actor: Actor) {
  return getDb().$transaction(async (tx) => {
    const suggestion = await tx.accountLinkSuggestion.findUnique({ where: { id } });
    if (!suggestion) throw new AppError("not_found", "No such account link suggestion");
    if (suggestion.status !== "pending") throw new AppError("conflict", `The suggestion was already ${suggestion.status}`);
    if (decision === "confirm") {
      await mergeGroups((sql, params) => tx.$executeRawUnsafe(sql, ...params), ACCOUNT_GROUPS, `select $1::text as a, $2::text as b`, [suggestion.accountId, suggestion.otherAccountId], null);
    }
    await tx.accountLinkSuggestion.update({ where: { id }, data: { status: decision === "confirm" ? "confirmed" : "dismissed", decidedAt: new Date(), decidedById: actor.id } });
    await recordAuditEvent(
      {
        actor,
        action: `account_link.${decision}`,
        target: { type: "account", id: suggestion.accountId },
        summary: `${decision === "confirm" ? "Linked" : "Kept apart"} accounts ${suggestion.accountId} and ${suggestion.otherAccountId}`,
      },
      tx,
    );
  });
}

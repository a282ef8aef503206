// Removes a deal or account link rule. Links it already made stay (they are the same records
// until someone says otherwise); later imports stop making new ones.
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type LinkRuleKind = "deal" | "account";

export async function deleteLinkRule(kind: LinkRuleKind, id: string, actor: Actor) {
  return getDb().$transaction(async (tx) => {
    const where = { id };
    const rule = kind === "deal" ? await tx.dealLinkRule.findUnique({ where }) : await tx.accountLinkRule.findUnique({ where });
    if (!rule) throw new AppError("not_found", `No ${kind} link rule with id ${id}`);
    if (kind === "deal") await tx.dealLinkRule.delete({ where });
    else await tx.accountLinkRule.delete({ where });
    await recordAuditEvent(
      { actor, action: `${kind}_link_rule.delete`, target: { type: `${kind}_link_rule`, id }, summary: `Removed the ${kind} link rule ${rule.field} = ${rule.otherField}`, details: { sourceId: rule.sourceId, field: rule.field, otherSourceId: rule.otherSourceId, otherField: rule.otherField } },
      tx,
    );
    return rule;
  });
}

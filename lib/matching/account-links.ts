// Saved links (rule 1 of matching): a person confirms which customer/account an account
// is at a destination; every later push uses it. Confirm checks the destination has
// that record; each change is audited with the account and the destination.
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { findDestination } from "@/lib/destinations/find-destination";
import { AppError } from "@/lib/errors";
import { indexCandidates, matchAccount, soleExactDomainSuggestion, suggestMatches } from "./match-account";
import { loadAccountsToMatch, openMatchingSession } from "./matching-report";

export const CONFIRMED_VIA = ["suggestion:name", "suggestion:domain", "search", "manual"] as const;

export const confirmMatchInputSchema = z.object({
  account: z.string().trim().min(1).max(200),
  externalId: z.string().trim().min(1).max(200),
  via: z.enum(CONFIRMED_VIA).default("manual"),
});
export type ConfirmMatchInput = z.input<typeof confirmMatchInputSchema>;

export const unlinkMatchInputSchema = z.object({ account: z.string().trim().min(1).max(200) });

/** An account by its id, or by its id at the source when that is unambiguous. */
async function findAccount(ref: string) {
  const db = getDb();
  const byId = await db.account.findUnique({ where: { id: ref }, select: { id: true, name: true } });
  if (byId) return byId;
  const byExternal = await db.account.findMany({ where: { externalId: ref, removedAt: null }, select: { id: true, name: true }, take: 2 });
  if (byExternal.length === 1) return byExternal[0];
  throw new AppError(byExternal.length ? "conflict" : "not_found", byExternal.length ? `Several accounts have the id ${ref} at their sources; use Dealport's account id` : `No account ${ref}`);
}

export async function confirmMatch(destinationRef: string, raw: unknown, actor: Actor | null) {
  const input = confirmMatchInputSchema.parse(raw);
  const [session, account] = await Promise.all([openMatchingSession(destinationRef), findAccount(input.account)]);
  const candidate = session.candidates.find((c) => c.id === input.externalId);
  if (!candidate) throw new AppError("not_found", `${session.destination.name} has no ${session.noun} ${input.externalId}`);
  const data = { externalId: candidate.id, externalName: candidate.name, confirmedVia: input.via, confirmedById: actor?.id ?? null };
  return getDb().$transaction(async (tx) => {
    const link = await tx.accountLink.upsert({
      where: { accountId_destinationId: { accountId: account.id, destinationId: session.destination.id } },
      create: { accountId: account.id, destinationId: session.destination.id, ...data },
      update: { ...data, createdAt: new Date() },
    });
    await recordAuditEvent(
      {
        actor,
        action: "match.confirm",
        target: { type: "account", id: account.id },
        summary: `Linked account "${account.name}" to ${session.noun} "${candidate.name}" (${candidate.id}) at "${session.destination.name}"`,
        details: { destinationId: session.destination.id, externalId: candidate.id, via: input.via },
      },
      tx,
    );
    return link;
  });
}

export async function unlinkMatch(destinationRef: string, raw: unknown, actor: Actor | null) {
  const input = unlinkMatchInputSchema.parse(raw);
  const [destination, account] = await Promise.all([findDestination(destinationRef), findAccount(input.account)]);
  await getDb().$transaction(async (tx) => {
    const removed = await tx.accountLink.deleteMany({ where: { accountId: account.id, destinationId: destination.id } });
    if (!removed.count) throw new AppError("not_found", `Account "${account.name}" has no saved link at "${destination.name}"`);
    await recordAuditEvent(
      { actor, action: "match.unlink", target: { type: "account", id: account.id }, summary: `Removed the saved link of account "${account.name}" at "${destination.name}"`, details: { destinationId: destination.id } },
      tx,
    );
  });
  return { unlinked: account.id };
}

/**
 * Confirms, for every account without a match, its exact-domain suggestion when it
 * has exactly one (several customers on one domain stay for a person to choose).
 */
export async function confirmExactDomainSuggestions(destinationRef: string, actor: Actor | null) {
  const session = await openMatchingSession(destinationRef);
  const index = indexCandidates(session.candidates);
  const accounts = await loadAccountsToMatch(session.destination.id, session.externalIdField);
  const picks: { accountId: string; externalId: string; externalName: string }[] = [];
  let ambiguous = 0;
  for (const account of accounts) {
    if (matchAccount(account, index).status === "matched") continue;
    const suggestions = suggestMatches(account, index);
    const sole = soleExactDomainSuggestion(suggestions);
    if (sole) picks.push({ accountId: account.id, externalId: sole.candidateId, externalName: sole.candidateName });
    else if (suggestions.some((s) => s.kind === "domain" && s.exact)) ambiguous++;
  }
  await getDb().$transaction(async (tx) => {
    await tx.accountLink.createMany({
      data: picks.map((p) => ({ ...p, destinationId: session.destination.id, confirmedVia: "bulk:domain", confirmedById: actor?.id ?? null })),
      skipDuplicates: true,
    });
    await recordAuditEvent(
      {
        actor,
        action: "match.confirm_bulk",
        target: { type: "destination", id: session.destination.id },
        summary: `Linked ${picks.length} accounts to the ${session.noun} on their exact domain at "${session.destination.name}"`,
        details: { accountIds: picks.map((p) => p.accountId) },
      },
      tx,
    );
  });
  return { confirmed: picks.length, ambiguous };
}

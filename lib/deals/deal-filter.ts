// The one description of "which deals": used by the deals table (URL state), saved
// views, exports, the REST API, the CLI and push selections. Parse with zod, then
// turn into a Prisma where clause here and nowhere else. Browser-safe (no database imports):
// the deals table compares and encodes filters on the client too.
import { z } from "zod";
import { containsText } from "@/lib/db/contains-text";
import type { Prisma } from "@/lib/db/generated/client";
import { latestRunStatusWhere, type LatestDealRun } from "./deal-import-status";

/** The list filters: in a URL one comma-separated value each (or the key repeated). */
export const LIST_FILTER_KEYS = ["stage", "pipeline", "owner", "source"] as const;

// In a URL a list is one comma-separated value; a comma or backslash inside a value (a stage
// called "Closed, won") is written with a backslash before it, so it never splits the value.
/** "Won,Closed\\, lost" → ["Won", "Closed, lost"]. */
export function splitUrlList(value: string): string[] {
  const items: string[] = [];
  let item = "";
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    const next = value[i + 1];
    if (char === "\\" && (next === "\\" || next === ",")) {
      item += next;
      i++;
    } else if (char === ",") {
      items.push(item);
      item = "";
    } else item += char;
  }
  items.push(item);
  return items;
}

export function joinUrlList(values: readonly string[]): string {
  return values.map((value) => value.replace(/[\\,]/g, "\\$&")).join(",");
}

const list = z
  // A string is a URL's list ("Won,Lost"); an array (JSON) holds the values themselves.
  .union([z.string().transform(splitUrlList), z.array(z.string())])
  .transform((values) => values.map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(200)).max(100));

const isoDate = z.iso.date({ message: "must be a date like 2027-03-31" });

export const DEAL_STATUSES = ["active", "removed", "new", "changed"] as const;

export const dealFilterSchema = z
  .object({
    stage: list.optional(),
    pipeline: list.optional(),
    owner: list.optional(),
    source: list.optional(),
    account: z.string().trim().max(100).optional(),
    closeFrom: isoDate.optional(),
    closeTo: isoDate.optional(),
    /** Minor units of the base currency. */
    amountMin: z.coerce.bigint().optional(),
    amountMax: z.coerce.bigint().optional(),
    status: z.enum(DEAL_STATUSES).optional(),
    pushedTo: z.string().trim().max(100).optional(),
    notPushedTo: z.string().trim().max(100).optional(),
    q: z.string().trim().max(200).optional(),
  })
  .strict();

export type DealFilter = z.infer<typeof dealFilterSchema>;

/** A selection as the UI and API send it: everything matching a filter, or explicit ids. */
export const dealSelectionSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("ids"), ids: z.array(z.string().max(64)).min(1).max(10_000) }),
  z.object({ mode: z.literal("filter"), filter: dealFilterSchema, excludeIds: z.array(z.string().max(64)).max(10_000).default([]) }),
]);
export type DealSelection = z.infer<typeof dealSelectionSchema>;

const nonEmpty = <T,>(v: T[] | undefined) => (v && v.length ? v : undefined);

/**
 * Deals from several sources that are the same record (a link group) count once: the group's
 * deal stands for it, and a source filter matches a group through any of its sources.
 * `latestRuns`: every source's latest import run, which the status filters "new" and
 * "changed" need (./deal-import-status.ts; latestDealRunsFor loads them).
 */
export function dealWhere(filter: DealFilter, latestRuns: readonly LatestDealRun[]): Prisma.DealWhereInput {
  const and: Prisma.DealWhereInput[] = [{ linkedToDealId: null }];
  const stage = nonEmpty(filter.stage);
  if (stage) and.push({ stage: { in: stage } });
  const pipeline = nonEmpty(filter.pipeline);
  if (pipeline) and.push({ pipeline: { in: pipeline } });
  const owner = nonEmpty(filter.owner);
  if (owner) and.push({ owner: { in: owner } });
  const source = nonEmpty(filter.source);
  if (source) and.push({ OR: [{ sourceId: { in: source } }, { linkedDeals: { some: { sourceId: { in: source } } } }] });
  // An account stands for its link group: deals of any account of the group.
  if (filter.account) and.push({ account: { OR: [{ id: filter.account }, { linkedToAccountId: filter.account }, { linkedAccounts: { some: { id: filter.account } } }, { linkedTo: { linkedAccounts: { some: { id: filter.account } } } }] } });
  if (filter.closeFrom || filter.closeTo) {
    and.push({
      closeDate: {
        ...(filter.closeFrom ? { gte: new Date(`${filter.closeFrom}T00:00:00Z`) } : {}),
        ...(filter.closeTo ? { lte: new Date(`${filter.closeTo}T00:00:00Z`) } : {}),
      },
    });
  }
  if (filter.amountMin !== undefined || filter.amountMax !== undefined) {
    and.push({
      amountBaseMinor: {
        ...(filter.amountMin !== undefined ? { gte: filter.amountMin } : {}),
        ...(filter.amountMax !== undefined ? { lte: filter.amountMax } : {}),
      },
    });
  }
  switch (filter.status) {
    case "active":
      and.push({ removedAt: null });
      break;
    case "removed":
      and.push({ removedAt: { not: null } });
      break;
    case "new":
    case "changed":
      and.push(latestRunStatusWhere(filter.status, latestRuns));
      break;
  }
  // A group is pushed once any of its deals has a link to the destination.
  if (filter.pushedTo) {
    const link = { destinationId: filter.pushedTo };
    and.push({ OR: [{ links: { some: link } }, { linkedDeals: { some: { links: { some: link } } } }] });
  }
  if (filter.notPushedTo) {
    const link = { destinationId: filter.notPushedTo };
    and.push({ links: { none: link }, linkedDeals: { none: { links: { some: link } } } });
  }
  if (filter.q) and.push({ OR: [{ name: containsText(filter.q) }, { account: { name: containsText(filter.q) } }] });
  return { AND: and };
}

/** The filter without empty members, keys in one order: equal filters compare and encode equal. */
export function normaliseDealFilter(filter: DealFilter): DealFilter {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(dealFilterSchema.shape).sort() as (keyof DealFilter)[]) {
    const value = filter[key];
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = Array.isArray(value) ? [...value].sort() : value;
  }
  return out as DealFilter;
}

export function sameDealFilter(a: DealFilter, b: DealFilter): boolean {
  const text = (f: DealFilter) => JSON.stringify(normaliseDealFilter(f), (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
  return text(a) === text(b);
}

export function selectionWhere(selection: DealSelection, latestRuns: readonly LatestDealRun[]): Prisma.DealWhereInput {
  // A linked deal ticked by id (API, CLI) means its group, sent once through the group's deal.
  if (selection.mode === "ids") return { linkedToDealId: null, OR: [{ id: { in: selection.ids } }, { linkedDeals: { some: { id: { in: selection.ids } } } }] };
  const where = dealWhere(selection.filter, latestRuns);
  return selection.excludeIds.length ? { AND: [where, { id: { notIn: selection.excludeIds } }] } : where;
}

// One deal's history in one list, newest first: what each import changed (run, file, line,
// field before → after, the rate and base amount), what people decided about those runs
// (held, approved, rolled back…), and every push (payload, answer, the destination's id and
// record page). Read a page at a time by keyset over (time, kind, id): each of the three
// sources is an index range on the deal, so a deal with thousands of events stays fast.
import "server-only";
import { z } from "zod";
import { getDb, Prisma, type Db } from "@/lib/db/client";
import { destinationModule } from "@/lib/destinations/registry";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/pagination/keyset";
import { DERIVED_CHANGES_OF_DEAL } from "@/lib/imports/derived-deal-changes";
import { moneyAsStaged } from "@/lib/imports/rates-used";
import { parseFieldChanges, type FieldChangeView } from "./get-deal-detail";

export const TIMELINE_KINDS = ["import", "review", "push"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Base-currency amount, base currency and rate as they stood at an event (null: not known). */
export type TimelineMoney = { amountBaseMinor: bigint | null; baseCurrency: string | null; rateToBase: string | null };

type Common = { key: string; at: Date };

export type ImportEvent = Common & {
  kind: "import";
  run: { id: string; number: number; sourceName: string; rollbackOfNumber: number | null };
  change: "new" | "restored" | "changed" | "removed";
  file: string | null;
  line: number | null;
  fields: FieldChangeView[];
  money: TimelineMoney;
  /** After a rollback: destinations whose copy was pushed before it, so may now differ. */
  mayDifferAt: string[];
};

export type ReviewEvent = Common & {
  kind: "review";
  run: { id: string; number: number; sourceName: string };
  action: string;
  actorEmail: string | null;
  comment: string | null;
};

export type PushEvent = Common & {
  kind: "push";
  run: { id: string; dryRun: boolean };
  destination: { id: string; name: string; kind: string };
  state: string;
  action: string | null;
  attempt: number;
  externalId: string | null;
  /** The pushed record on the destination's website (`site` names it), when its address is known. */
  record: { url: string; site: string } | null;
  payload: unknown;
  response: unknown;
  error: string | null;
  money: TimelineMoney;
};

export type TimelineEvent = ImportEvent | ReviewEvent | PushEvent;

export type TimelinePage = { events: TimelineEvent[]; nextCursor: string | null };

const TIMELINE_PAGE = 50;
const KIND_RANK: Record<TimelineKind, number> = { import: 0, review: 1, push: 2 };

export const timelineQuerySchema = z.object({
  kinds: z
    .union([z.array(z.enum(TIMELINE_KINDS)), z.enum(TIMELINE_KINDS).transform((k) => [k])])
    .optional()
    .transform((k) => (k && k.length ? [...new Set(k)] : [...TIMELINE_KINDS])),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(TIMELINE_PAGE),
});
export type TimelineQuery = z.input<typeof timelineQuerySchema>;

/** The position after which a page starts: (time, kind rank, id), all descending. */
type Position = { at: Date; rank: number; id: bigint };

function decodePosition(cursor: string): Position {
  const { value, id } = decodeCursor(cursor, { column: "at", type: "date", nullable: false });
  const m = /^([0-2]):(\d{1,19})$/.exec(id);
  if (!m) throw new AppError("bad_request", "The page cursor is invalid; start from the first page");
  return { at: value as Date, rank: Number(m[1]), id: BigInt(m[2]) };
}

/** Rows strictly after `p` in (at, rank, id) descending order, for a source of the given rank. */
function afterPosition(at: Prisma.Sql, id: Prisma.Sql, rank: number, p: Position | null) {
  if (!p) return Prisma.sql`true`;
  return Prisma.sql`(${at} < ${p.at} or (${at} = ${p.at} and (${rank} < ${p.rank} or (${rank} = ${p.rank} and ${id} < ${p.id}))))`;
}

type ImportRow = {
  id: bigint; at: Date; kind: string; diff: unknown; file: string | null; line: number | null;
  amountBaseMinor: bigint | null; baseCurrency: string | null; rateToBase: string | null;
  runId: string; number: number; sourceName: string; rollbackOfNumber: number | null;
  /** A creation (no DealChange row): the deal's values as created (jsonb text, so amounts beyond 2^53 stay exact) and the run's rates. */
  created: CreatedRow | null;
};
type CreatedRow = { amountMinor: string | null; currency: string | null; closeDate: string | null; ratesUsed: unknown };
type ReviewRow = { id: bigint; at: Date; kind: string; actorEmail: string | null; comment: string | null; runId: string; number: number; sourceName: string };
type PushRow = {
  id: bigint; at: Date; state: string; action: string | null; attempt: number; externalId: string | null; payload: unknown; response: unknown; error: string | null;
  amountBaseMinor: bigint | null; baseCurrency: string | null; runId: string; dryRun: boolean; destinationId: string; destinationName: string; destinationKind: string;
};

// When a run's changes took effect: when it finished (an approved run finishes when approved).
const RUN_AT = Prisma.sql`coalesce(r."finishedAt", r."startedAt")`;

const DERIVED_CHANGES = Prisma.raw(DERIVED_CHANGES_OF_DEAL("d"));

// The deal as the run that created it left it: its first before-image (every later write of
// its values, file and line took one first), else the row as it is. `d` is the deal.
const DEAL_AS_CREATED = Prisma.sql`coalesce(
  (select u.before from "ImportUndo" u join "ImportRun" ur on ur.id = u."runId" where u.kind = 'deal' and u."recordId" = d.id order by ur.number limit 1),
  to_jsonb(d))`;

/**
 * The deal's DealChange rows, and the changes runs made without one (its creation, its removal
 * by a rollback of that run: lib/imports/derived-deal-changes.ts; id 0 stands for them in the
 * order, each at its own run's time).
 */
function importRows(db: Db, dealId: string, after: Position | null, take: number) {
  return db.$queryRaw<ImportRow[]>`
    select * from (
      select c.id, ${RUN_AT} as at, c.kind, c.diff, c.file, c.line, c."amountBaseMinor", c."baseCurrency", c."rateToBase",
        r.id as "runId", r.number, s.name as "sourceName", o.number as "rollbackOfNumber", null::jsonb as created
      from "DealChange" c join "ImportRun" r on r.id = c."runId" join "Source" s on s.id = r."sourceId"
        left join "ImportRun" o on o.id = r."rollbackOfRunId"
      where c."dealId" = ${dealId}
      union all
      select 0::bigint, ${RUN_AT}, dc.kind, '{}'::jsonb,
        case when p.v -> 'provenance' ->> 'runId' = r.id then p.v -> 'provenance' ->> 'file' end,
        case when p.v -> 'provenance' ->> 'runId' = r.id then (p.v -> 'provenance' ->> 'line')::int end,
        null, null, null, r.id, r.number, s.name, o.number,
        case when dc.kind = 'new' then jsonb_build_object('amountMinor', p.v ->> 'amountMinor', 'currency', p.v ->> 'currency', 'closeDate', p.v ->> 'closeDate', 'ratesUsed', r."ratesUsed") end
      from "Deal" d cross join lateral (${DERIVED_CHANGES}) dc
        join "ImportRun" r on r.id = dc."runId" join "Source" s on s.id = r."sourceId" left join "ImportRun" o on o.id = r."rollbackOfRunId"
        -- A creation shows where the values came from and the money: the deal as created.
        cross join lateral (select case when dc.kind = 'new' then ${DEAL_AS_CREATED} end as v) p
      where d.id = ${dealId}
    ) x
    where ${afterPosition(Prisma.sql`x.at`, Prisma.sql`x.id`, KIND_RANK.import, after)}
    order by x.at desc, x.id desc limit ${take}`;
}

function reviewRows(db: Db, dealId: string, after: Position | null, take: number) {
  return db.$queryRaw<ReviewRow[]>`
    select e.id, e.at, e.kind, e."actorEmail", e.comment, r.id as "runId", r.number, s.name as "sourceName"
    from "ImportRunEvent" e join "ImportRun" r on r.id = e."runId" join "Source" s on s.id = r."sourceId"
    where e."runId" in (
        select c."runId" from "DealChange" c where c."dealId" = ${dealId}
        union select dc."runId" from "Deal" d cross join lateral (${DERIVED_CHANGES}) dc where d.id = ${dealId})
      and ${afterPosition(Prisma.sql`e.at`, Prisma.sql`e.id`, KIND_RANK.review, after)}
    order by e.at desc, e.id desc limit ${take}`;
}

function pushRows(db: Db, dealId: string, after: Position | null, take: number) {
  return db.$queryRaw<PushRow[]>`
    select i.id, i."updatedAt" as at, i.state, i.action, i.attempt, i."externalId", i.payload, i.response, i.error,
      i."amountBaseMinor", i."baseCurrency", r.id as "runId", r."dryRun", d.id as "destinationId", d.name as "destinationName", d.kind as "destinationKind"
    from "SyncItem" i join "SyncRun" r on r.id = i."runId" join "Destination" d on d.id = r."destinationId"
    where i."dealId" = ${dealId} and ${afterPosition(Prisma.sql`i."updatedAt"`, Prisma.sql`i.id`, KIND_RANK.push, after)}
    order by i."updatedAt" desc, i.id desc limit ${take}`;
}

function recordPage(kind: string, externalId: string | null, payload: unknown): PushEvent["record"] {
  if (!externalId) return null;
  let destination;
  try {
    destination = destinationModule(kind);
  } catch {
    // A destination kind that no longer exists has no record page.
    return null;
  }
  const url = destination.recordUrl?.({ externalId, payload });
  return url ? { url, site: destination.label } : null;
}

/** A creation's money as the run staged it. */
function createdMoney(created: CreatedRow): TimelineMoney {
  const amountMinor = created.amountMinor === null ? null : BigInt(created.amountMinor);
  return moneyAsStaged(created.ratesUsed, { amountMinor, currency: created.currency, closeDate: created.closeDate });
}

/** An event with its place in the order. */
type Ranked = { event: TimelineEvent; rank: number; id: bigint };

export async function listDealTimeline(dealId: string, query: TimelineQuery = {}, db: Db = getDb()): Promise<TimelinePage> {
  const { kinds, after, limit } = timelineQuerySchema.parse(query);
  const position = after ? decodePosition(after) : null;
  const take = limit + 1;
  const want = (k: TimelineKind) => kinds.includes(k);
  const [imports, reviews, pushes, links] = await Promise.all([
    want("import") ? importRows(db, dealId, position, take) : [],
    want("review") ? reviewRows(db, dealId, position, take) : [],
    want("push") ? pushRows(db, dealId, position, take) : [],
    want("import") ? db.link.findMany({ where: { dealId }, select: { pushedAt: true, destination: { select: { name: true } } } }) : [],
  ]);

  const events: Ranked[] = [
    ...imports.map((r): Ranked => {
      const diff = r.diff as { restored?: unknown } | null;
      const change = r.kind === "new" && diff?.restored === true ? "restored" : (r.kind as ImportEvent["change"]);
      const event: ImportEvent = {
        kind: "import",
        // Changes without a row (id 0) are one per kind and run.
        key: r.id === 0n ? `import-${r.kind}-${r.runId}` : `import-${r.id}`,
        at: r.at,
        run: { id: r.runId, number: r.number, sourceName: r.sourceName, rollbackOfNumber: r.rollbackOfNumber },
        change,
        file: r.file,
        line: r.line,
        fields: parseFieldChanges(r.diff),
        money: r.created ? createdMoney(r.created) : { amountBaseMinor: r.amountBaseMinor, baseCurrency: r.baseCurrency, rateToBase: r.rateToBase },
        // A destination's copy pushed before a rollback still holds the values rolled back.
        mayDifferAt: r.rollbackOfNumber === null ? [] : links.filter((l) => l.pushedAt < r.at).map((l) => l.destination.name),
      };
      return { event, rank: KIND_RANK.import, id: r.id };
    }),
    ...reviews.map((r): Ranked => ({
      rank: KIND_RANK.review,
      id: r.id,
      event: {
        kind: "review",
        key: `review-${r.id}`,
        at: r.at,
        run: { id: r.runId, number: r.number, sourceName: r.sourceName },
        action: r.kind,
        actorEmail: r.actorEmail,
        comment: r.comment,
      },
    })),
    ...pushes.map((r): Ranked => ({
      rank: KIND_RANK.push,
      id: r.id,
      event: {
        kind: "push",
        key: `push-${r.id}`,
        at: r.at,
        run: { id: r.runId, dryRun: r.dryRun },
        destination: { id: r.destinationId, name: r.destinationName, kind: r.destinationKind },
        state: r.state,
        action: r.action,
        attempt: r.attempt,
        externalId: r.externalId,
        record: r.state === "sent" ? recordPage(r.destinationKind, r.externalId, r.payload) : null,
        payload: r.payload,
        response: r.response,
        error: r.error,
        money: { amountBaseMinor: r.amountBaseMinor, baseCurrency: r.baseCurrency, rateToBase: null },
      },
    })),
  ];
  events.sort((a, b) => b.event.at.getTime() - a.event.at.getTime() || b.rank - a.rank || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0));
  const page = events.slice(0, limit);
  const last = page[page.length - 1];
  return {
    events: page.map((r) => r.event),
    nextCursor: events.length > limit && last ? encodeCursor({ value: last.event.at, id: `${last.rank}:${last.id}` }) : null,
  };
}

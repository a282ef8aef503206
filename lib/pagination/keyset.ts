// Keyset (cursor) pagination over one sort column plus the id as tie-breaker, for any
// Prisma model. Deep pages cost the same as the first: no OFFSET.
//
// Empty values always come last, in both directions. A single ORDER BY cannot give
// "DESC NULLS LAST" from a plain (column, id) index, so a page is read in up to two
// segments, each an index range: the rows with a value, then the rows without one (by id).
import { z } from "zod";
import { AppError } from "@/lib/errors";

export type KeysetColumn = { column: string; type: "string" | "bigint" | "date"; nullable: boolean };
export type KeyValue = string | bigint | Date | null;

/** Position of a row in the order: its sort value and id. Opaque to clients (base64url JSON). */
export type KeysetPosition = { value: KeyValue; id: string };

const encodedPosition = z.object({ v: z.string().nullable(), id: z.string().min(1).max(64) });

export function encodeCursor(position: KeysetPosition): string {
  const v = position.value === null ? null : position.value instanceof Date ? position.value.toISOString() : String(position.value);
  return Buffer.from(JSON.stringify({ v, id: position.id })).toString("base64url");
}

export function decodeCursor(cursor: string, column: KeysetColumn): KeysetPosition {
  try {
    const { v, id } = encodedPosition.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (v === null) {
      if (!column.nullable) throw new Error("null value for a required column");
      return { value: null, id };
    }
    if (column.type === "bigint") return { value: BigInt(v), id };
    if (column.type === "date") {
      const date = new Date(v);
      if (Number.isNaN(date.getTime())) throw new Error("bad date");
      return { value: date, id };
    }
    return { value: v, id };
  } catch {
    throw new AppError("bad_request", "The page cursor is invalid or belongs to another sort; start from the first page");
  }
}

type Where = Record<string, unknown>;
type OrderBy = Record<string, "asc" | "desc">[];
export type SegmentQuery = { where: Where; orderBy: OrderBy; take: number };
export type FindSegment<Row> = (query: SegmentQuery) => Promise<Row[]>;

export type KeysetRequest = {
  column: KeysetColumn;
  dir: "asc" | "desc";
  limit: number;
  /** Rows after this cursor (next page) … */
  after?: string;
  /** … or before it (previous page). */
  before?: string;
};

export type KeysetPage<Row> = { rows: Row[]; nextCursor: string | null; prevCursor: string | null };

const flip = (dir: "asc" | "desc") => (dir === "asc" ? "desc" : "asc");

/**
 * One page in display order. `baseWhere` is the caller's filter; `find` runs a findMany with
 * the segment's where/orderBy/take (the caller adds select/include).
 */
export async function keysetPage<Row extends { id: string }>(
  baseWhere: Where,
  request: KeysetRequest,
  find: FindSegment<Row>,
): Promise<KeysetPage<Row>> {
  const { column, limit } = request;
  const backwards = Boolean(request.before);
  const cursorText = request.before ?? request.after;
  const cursor = cursorText ? decodeCursor(cursorText, column) : null;
  // Walking backwards is walking forwards in the reversed order (nulls first, values reversed).
  const dir = backwards ? flip(request.dir) : request.dir;
  const cmp = dir === "asc" ? "gt" : "lt";
  const col = column.column;
  const valueOrder: OrderBy = [{ [col]: dir }, { id: dir }];
  const nullOrder: OrderBy = [{ id: dir }];

  // Each segment is one clean index range, so a cursor deep inside a long run of equal values
  // (thousands of deals in one stage) still starts exactly where it should:
  //   ties   — same value as the cursor, later id       (col = v AND id > id0, by id)
  //   values — later values                              (col > v, by col, id)
  //   nulls  — no value, later id                        (col IS NULL AND id > id0, by id)
  type Segment = { where: Where; orderBy: OrderBy };
  const ties = (position: KeysetPosition): Segment => ({ where: { [col]: position.value, id: { [cmp]: position.id } }, orderBy: nullOrder });
  const valuesAfter = (value: KeyValue | undefined): Segment => ({
    where: value === undefined ? (column.nullable ? { [col]: { not: null } } : {}) : { [col]: { [cmp]: value } },
    orderBy: valueOrder,
  });
  const nullsAfter = (position: KeysetPosition | null): Segment => ({
    where: { [col]: null, ...(position ? { id: { [cmp]: position.id } } : {}) },
    orderBy: nullOrder,
  });

  // Forwards the order is values then nulls; backwards it is nulls then values (reversed).
  const nulls = column.nullable ? [nullsAfter(null)] : [];
  let segments: Segment[];
  if (!cursor) segments = backwards ? [...nulls, valuesAfter(undefined)] : [valuesAfter(undefined), ...nulls];
  else if (cursor.value === null) segments = backwards ? [nullsAfter(cursor), valuesAfter(undefined)] : [nullsAfter(cursor)];
  else segments = backwards ? [ties(cursor), valuesAfter(cursor.value)] : [ties(cursor), valuesAfter(cursor.value), ...nulls];

  const fetched: Row[] = [];
  for (const segment of segments) {
    const want = limit + 1 - fetched.length;
    if (want <= 0) break;
    fetched.push(...(await find({ where: { AND: [baseWhere, segment.where] }, orderBy: segment.orderBy, take: want })));
  }
  const more = fetched.length > limit;
  const rows = fetched.slice(0, limit);
  if (backwards) rows.reverse();
  const position = (row: Row): string => encodeCursor({ value: (row as Record<string, unknown>)[col] as KeyValue, id: row.id });
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    nextCursor: last && (backwards ? true : more) ? position(last) : null,
    prevCursor: first && (backwards ? more : Boolean(cursor)) ? position(first) : null,
  };
}

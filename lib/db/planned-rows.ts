// How many rows a Prisma query returns — PostgreSQL's estimate without running it, or an
// exact count that stops at a limit — without fetching them: the statement Prisma would
// send is captured by a driver that records it and refuses to run it, then EXPLAINed or
// wrapped in a count on the real database. For "N matching" figures where an exact count
// would have to read every matching row (lib/deals/count-matching-deals.ts). Prisma's own
// count({ take }) cannot do this: it adds ORDER BY id, which turns a short index-only scan
// into a sort of every matching row.
import "server-only";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { getDb, type Db } from "./client";
import { PrismaClient } from "./generated/client";

let captured: SqlQuery | null = null;
const refuse = async (query: SqlQuery): Promise<never> => {
  captured = query;
  throw new Error("statement captured, not run");
};
const unsupported = async (): Promise<never> => {
  throw new Error("the statement-capturing driver only captures single statements");
};

const capturingDriver: SqlDriverAdapter = {
  provider: "postgres",
  adapterName: "@prisma/adapter-pg",
  queryRaw: refuse,
  executeRaw: refuse,
  executeScript: unsupported,
  startTransaction: unsupported,
  dispose: async () => {},
};
const capturingFactory: SqlDriverAdapterFactory = { provider: "postgres", adapterName: "@prisma/adapter-pg", connect: async () => capturingDriver };

const globalForCapture = globalThis as unknown as { dealportCaptureDb?: PrismaClient };
const captureDb = () => (globalForCapture.dealportCaptureDb ??= new PrismaClient({ adapter: capturingFactory }));

// One capture at a time: the captured statement lands in one slot. Capturing never waits on
// the database, so the queue is short.
let queue: Promise<unknown> = Promise.resolve();

/** The SQL and parameters Prisma sends for `query` (which must send exactly one statement). */
export function prismaStatement(query: (db: Db) => Promise<unknown>): Promise<SqlQuery> {
  const capture = queue.then(async () => {
    captured = null;
    await query(captureDb()).catch(() => {});
    const statement = captured;
    captured = null;
    if (!statement) throw new Error("the query sent no statement to capture");
    return statement;
  });
  queue = capture.catch(() => {});
  return capture;
}

type JsonPlan = { "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[];

/** PostgreSQL's estimate of the rows `query` returns (EXPLAIN, planning only: nothing is read). */
export async function plannedRows(query: (db: Db) => Promise<unknown>, db: Db = getDb()): Promise<number> {
  const { sql, args } = await prismaStatement(query);
  const [row] = await db.$queryRawUnsafe<JsonPlan>(`EXPLAIN (FORMAT JSON) ${sql}`, ...args);
  return Math.round(row["QUERY PLAN"][0].Plan["Plan Rows"]);
}

/**
 * How many rows `query` returns, counting no further than `limit` (so at most `limit`), or
 * null when that takes longer than `timeoutMs` (the count is cancelled by PostgreSQL).
 */
export async function countRowsUpTo(query: (db: Db) => Promise<unknown>, limit: number, timeoutMs: number, db: Db = getDb()): Promise<number | null> {
  for (const [name, value] of Object.entries({ limit, timeoutMs })) {
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got ${value}`);
  }
  const { sql, args } = await prismaStatement(query);
  try {
    const [, [row]] = await db.$transaction([
      db.$executeRawUnsafe(`SET LOCAL statement_timeout = ${timeoutMs}`),
      db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM (${sql}) AS q LIMIT ${limit}) AS s`, ...args),
    ]);
    return row.n;
  } catch (error) {
    if (/statement timeout|57014/.test(String((error as Error).message))) return null;
    throw error;
  }
}

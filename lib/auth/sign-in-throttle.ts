// Sign-in throttling per key ("email:…", "ip:…"). Each attempt first *claims* an
// evaluation with one atomic upsert that counts it as a failure in advance; only a
// claimed attempt may check the password, and a success gives the claim back. So 50
// parallel guesses cannot all read "4 failures so far": the row lock orders them and
// those past the allowance are refused without evaluating anything.
//
// Past the allowance each further failure doubles a delay (30 s … 15 min) before the
// next attempt is evaluated: an attacker is slowed to a few guesses an hour per key,
// while the account owner is never locked out for good; one correct password after
// the delay clears the account's count. A key quiet for an hour starts again from zero.
import { getDb, Prisma } from "@/lib/db/client";

export type ThrottleRule = { free: number };
export const EMAIL_RULE: ThrottleRule = { free: 5 };
export const IP_RULE: ThrottleRule = { free: 20 };
export const BASE_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 15 * 60;

// clock_timestamp(), not now(): read after the row lock is granted, so an attempt that
// waited behind another compares against the time it actually runs. UTC like Prisma's columns.
const NOW = Prisma.sql`(clock_timestamp() at time zone 'UTC')`;

function delayedUntil(failures: Prisma.Sql, rule: ThrottleRule) {
  return Prisma.sql`case when ${failures} >= ${Prisma.raw(String(rule.free))}
    then ${NOW} + make_interval(secs => least(${Prisma.raw(String(MAX_DELAY_SECONDS))}, ${Prisma.raw(String(BASE_DELAY_SECONDS))} * power(2, ${failures} - ${Prisma.raw(String(rule.free))})))
    else null end`;
}

/**
 * Claims one evaluation for `key`: true when the attempt may check the password (it
 * counts as a failure until `releaseSignInClaim`), false while the key is delayed.
 */
export async function claimSignInAttempt(key: string, rule: ThrottleRule): Promise<boolean> {
  const failures = Prisma.sql`((case when t."updatedAt" < ${NOW} - interval '1 hour' then 0 else t."failures" end) + 1)`;
  const rows = await getDb().$queryRaw<{ failures: number }[]>`
    insert into "LoginThrottle" as t ("key", "failures", "nextAttemptAt", "updatedAt")
    values (${key}, 1, ${delayedUntil(Prisma.sql`1`, rule)}, ${NOW})
    on conflict ("key") do update set
      "failures" = ${failures},
      "nextAttemptAt" = ${delayedUntil(failures, rule)},
      "updatedAt" = ${NOW}
    where t."nextAttemptAt" is null or t."nextAttemptAt" <= ${NOW}
    returning "failures"`;
  return rows.length > 0;
}

/** After a correct password: the account starts afresh; the IP only gets its claim back. */
export async function releaseSignInClaims(emailKey: string, ipKey: string): Promise<void> {
  const db = getDb();
  await db.loginThrottle.deleteMany({ where: { OR: [{ key: emailKey }, { updatedAt: { lt: new Date(Date.now() - 60 * 60_000) } }] } });
  await db.$executeRaw`update "LoginThrottle" set "failures" = greatest("failures" - 1, 0) where "key" = ${ipKey}`;
}

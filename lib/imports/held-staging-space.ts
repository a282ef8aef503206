// The staging space held runs use (their StagedImportRow data), bounded by DEALPORT_HELD_STAGING_MB.
import { getDb } from "@/lib/db/client";
import { readEnv } from "@/lib/env";

const DEFAULT_LIMIT_MB = 1024;

export interface HeldStagingSpace {
  heldRuns: number;
  usedBytes: number;
  limitBytes: number;
}

export function heldStagingLimitBytes(): number {
  return (readEnv().DEALPORT_HELD_STAGING_MB ?? DEFAULT_LIMIT_MB) * 1024 * 1024;
}

export async function getHeldStagingSpace(): Promise<HeldStagingSpace> {
  const held = await getDb().importRun.aggregate({ where: { status: "held" }, _count: { _all: true }, _sum: { stagedBytes: true } });
  return { heldRuns: held._count._all, usedBytes: Number(held._sum.stagedBytes ?? 0n), limitBytes: heldStagingLimitBytes() };
}

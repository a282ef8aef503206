import "server-only";
import { databaseKind } from "@/lib/db/database-url";
import { getMigrationStatus, type MigrationStatus } from "@/lib/db/migrations";
import { readEnv } from "@/lib/env";
import { prepareServer } from "./prepare-server";

export type Health = {
  status: "ok" | "degraded" | "error";
  database: { kind: "embedded" | "external"; reachable: boolean };
  migrations: Pick<MigrationStatus, "upToDate" | "total" | "pending" | "failed"> | null;
};

/** Liveness for /api/v1/health: the database answers and every migration is applied. */
export async function checkHealth(): Promise<Health> {
  try {
    await prepareServer();
    const status = await getMigrationStatus(readEnv().DATABASE_URL!);
    return {
      status: status.upToDate ? "ok" : "degraded",
      database: { kind: databaseKind(), reachable: true },
      migrations: { upToDate: status.upToDate, total: status.total, pending: status.pending, failed: status.failed },
    };
  } catch {
    return { status: "error", database: { kind: databaseKind(), reachable: false }, migrations: null };
  }
}

// GET /api/v1/health — liveness, database kind and migration state (no auth)
import { NextResponse } from "next/server";
import { databaseKind } from "@/lib/db/database-url";
import { getMigrationStatus } from "@/lib/db/migrations";
import { prepareServer } from "@/lib/server/prepare-server";
import { readEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await prepareServer();
    const status = await getMigrationStatus(readEnv().DATABASE_URL!);
    return NextResponse.json({
      status: status.upToDate ? "ok" : "degraded",
      database: { kind: databaseKind(), reachable: true },
      migrations: { upToDate: status.upToDate, total: status.total, pending: status.pending, failed: status.failed },
    });
  } catch {
    return NextResponse.json(
      { status: "error", database: { kind: databaseKind(), reachable: false }, migrations: null },
      { status: 503 },
    );
  }
}

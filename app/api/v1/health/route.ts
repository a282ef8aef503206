// GET /api/v1/health — liveness, database kind and migration state (no auth)
import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/server/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.status === "error" ? 503 : 200 });
}

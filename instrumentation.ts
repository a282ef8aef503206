// Runs once when the Next.js server starts: stamp each request with the client's
// address (lib/net/client-ip.ts), resolve the database (starting the
// embedded PostgreSQL when DATABASE_URL is unset), apply pending migrations, and start
// the scheduler for sources with a schedule (lib/imports/import-scheduler.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Per-IP sign-in limits need the socket's address, which route handlers never see.
  const { stampClientIpHeader } = await import("@/lib/net/client-ip");
  stampClientIpHeader();
  const { prepareServer } = await import("@/lib/server/prepare-server");
  await prepareServer();
  const { startImportScheduler } = await import("@/lib/imports/import-scheduler");
  startImportScheduler();
  // The push queue's worker (lib/sync); more can run as `dealport push-worker`.
  const { startBackgroundSyncWorker } = await import("@/lib/sync/start-background-worker");
  startBackgroundSyncWorker();
}

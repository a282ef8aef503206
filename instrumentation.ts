// Runs once when the Next.js server starts: resolve the database (starting the
// embedded PostgreSQL when DATABASE_URL is unset), apply pending migrations, and start
// the scheduler for sources with a schedule (lib/imports/import-scheduler.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("@/lib/server/prepare-server");
  await prepareServer();
  const { startImportScheduler } = await import("@/lib/imports/import-scheduler");
  startImportScheduler();
  // The push queue's worker (lib/sync); more can run as `dealport push-worker`.
  const { startBackgroundSyncWorker } = await import("@/lib/sync/start-background-worker");
  startBackgroundSyncWorker();
}

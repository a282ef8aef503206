// Runs once when the Next.js server starts: resolve the database (starting the
// embedded PostgreSQL when DATABASE_URL is unset) and apply pending migrations.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("@/lib/server/prepare-server");
  await prepareServer();
}

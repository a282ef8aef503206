// `npm start` / `npm run dev`: resolve the database (embedded when DATABASE_URL is
// unset), migrate, then run Next.js with that database; Ctrl-C stops both.
import { spawn } from "node:child_process";
import { resolveDatabase } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrations";
import { readEnv } from "@/lib/env";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const db = await resolveDatabase((line) => console.log(`[dealport] ${line}`));
await migrate(db.url);
// Next.js inherits the environment resolveDatabase exported (DATABASE_URL, DEALPORT_DB_KIND).
const next = spawn("npx", ["next", mode, "-p", String(readEnv().PORT ?? 3000)], { stdio: "inherit" });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
next.on("exit", async (code) => {
  await db.embedded?.stop();
  process.exit(code ?? 0);
});

// `npm start` / `npm run dev`: resolve the database (embedded when DATABASE_URL is
// unset), migrate, then run Next.js with that database; Ctrl-C stops both.
import { spawn } from "node:child_process";
import { resolveDatabase } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrations";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const db = await resolveDatabase((line) => console.log(`[dealport] ${line}`));
await migrate(db.url);
const next = spawn("npx", ["next", mode, "-p", process.env.PORT ?? "3000"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: db.url, DEALPORT_DB_KIND: db.kind },
});
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

import { resolveDatabase } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrations";

let prepared: Promise<void> | undefined;

/** Database resolved and migrated before the first request; idempotent. */
export function prepareServer() {
  prepared ??= (async () => {
    const db = await resolveDatabase((line) => console.log(`[dealport] ${line}`));
    const applied = await migrate(db.url);
    if (applied.length) console.log(`[dealport] Applied migrations: ${applied.join(", ")}`);
  })();
  return prepared;
}

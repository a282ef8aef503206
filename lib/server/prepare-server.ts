import "server-only";
import { resolveDatabase } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrations";
import { readEnv, type Env } from "@/lib/env";
import { assertSecretKeyConfigured } from "@/lib/secrets/keyring";

let prepared: Promise<void> | undefined;

/**
 * Outside the demo the app refuses to start without a usable DEALPORT_SECRET_KEY:
 * failing at the first credential save would be too late (and confusing). The demo
 * writes a key into .env.local itself, so it is exempt.
 */
export function assertStartupConfiguration(env: Env = readEnv()) {
  if (env.DEALPORT_DEMO !== "1") assertSecretKeyConfigured(env);
}

/** Configuration checked, database resolved and migrated before the first request; idempotent. */
export function prepareServer() {
  prepared ??= (async () => {
    assertStartupConfiguration();
    const db = await resolveDatabase((line) => console.log(`[dealport] ${line}`));
    const applied = await migrate(db.url);
    if (applied.length) console.log(`[dealport] Applied migrations: ${applied.join(", ")}`);
  })();
  return prepared;
}

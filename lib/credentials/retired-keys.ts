// Which master keys `rotate-key` has retired, in Setting "credentialKeys". A server started
// before a rotation still holds the old key in its environment (it cannot re-read it): it
// must not seal a new credential under that key, or the credential is stranded once the
// admin drops the key. Both sides take the setting's row lock first (saves shared, the
// rotation exclusive), so a save either commits before the rotation scans the rows or
// sees the rotation and is refused.
import type { Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Keyring } from "@/lib/secrets/keyring";

const SETTING = "credentialKeys";
type KeyState = { current: string | null; retired: string[] };

async function lockKeyState(tx: Prisma.TransactionClient, mode: "share" | "update"): Promise<KeyState> {
  await tx.$executeRaw`insert into "Setting" (key, value, "updatedAt") values (${SETTING}, ${JSON.stringify({ current: null, retired: [] })}::jsonb, now()) on conflict (key) do nothing`;
  const rows =
    mode === "share"
      ? await tx.$queryRaw<{ value: KeyState }[]>`select value from "Setting" where key = ${SETTING} for share`
      : await tx.$queryRaw<{ value: KeyState }[]>`select value from "Setting" where key = ${SETTING} for update`;
  const value = rows[0]?.value;
  return { current: typeof value?.current === "string" ? value.current : null, retired: Array.isArray(value?.retired) ? value.retired.filter((v) => typeof v === "string") : [] };
}

/** Refuses to seal under a key a rotation retired: this server must be restarted with the new key. */
export async function assertSealingKeyCurrent(tx: Prisma.TransactionClient, keyring: Keyring): Promise<void> {
  const state = await lockKeyState(tx, "share");
  if (state.retired.includes(keyring.current.id)) {
    throw new AppError(
      "conflict",
      `This server still encrypts with key ${keyring.current.id}, which \`dealport rotate-key\` retired in favour of key ${state.current}; ` +
        "restart it with the new DEALPORT_SECRET_KEY before saving credentials (nothing was saved)",
    );
  }
}

/** Locks the key state for a rotation; `commit` records the keyring's current key and retires every other key it holds. */
export async function lockKeyStateForRotation(tx: Prisma.TransactionClient, keyring: Keyring) {
  const state = await lockKeyState(tx, "update");
  return {
    async commit() {
      const others = [...keyring.byId.keys()].filter((id) => id !== keyring.current.id);
      const retired = [...new Set([...state.retired, ...others])].filter((id) => id !== keyring.current.id);
      const value = JSON.stringify({ current: keyring.current.id, retired });
      await tx.$executeRaw`update "Setting" set value = ${value}::jsonb, "updatedAt" = now() where key = ${SETTING}`;
    },
  };
}

// What the demo needs in the database, created once and found again on later runs:
// the demo admin (its password kept in data/ so it can be printed every run).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generatePassword } from "@/lib/auth/passwords";
import { getDb } from "@/lib/db/client";
import { dataDir } from "@/lib/env";
import { createUser } from "@/lib/users/create-user";
import type { Sandbox } from "./index";

const DEMO_ADMIN = "admin@dealport.demo";

async function ensureDemoAdmin(log: (line: string) => void) {
  const file = path.join(dataDir(), "demo-login.json");
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { email: string; password: string }) : null;
  const exists = await getDb().user.findUnique({ where: { email: DEMO_ADMIN } });
  if (exists && saved) return saved;
  const password = generatePassword();
  if (exists) {
    // The saved password was lost (data/ partly removed): set a new one.
    const { hashPassword } = await import("@/lib/auth/passwords");
    await getDb().user.update({ where: { email: DEMO_ADMIN }, data: { passwordHash: await hashPassword(password) } });
  } else {
    await createUser({ email: DEMO_ADMIN, name: "Demo Admin", role: "admin", password }, null);
    log(`Created the demo admin ${DEMO_ADMIN}`);
  }
  const login = { email: DEMO_ADMIN, password };
  writeFileSync(file, JSON.stringify(login, null, 2), { mode: 0o600 });
  return login;
}

export async function ensureDemoWorkspace(_sandbox: Sandbox, log: (line: string) => void) {
  return ensureDemoAdmin(log);
}

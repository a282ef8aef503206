// What the demo needs in the database, created once and found again on later runs:
// the demo admin (its password kept in data/ so it can be printed every run).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generatePassword } from "@/lib/auth/passwords";
import { getDb } from "@/lib/db/client";
import { dataDir } from "@/lib/env";
import { addExchangeRate } from "@/lib/currency/add-exchange-rate";
import { createUser } from "@/lib/users/create-user";
import { ensureDemoDestinations } from "./demo-destinations";
import { ensureDemoExactSales } from "./demo-exact-sales";
import { ensureDemoSources } from "./demo-sources";
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

// Sample rates to USD (the default base) so the demo's EUR, GBP and BRL deals show
// base amounts; added once, then left to the admin.
const DEMO_RATES = [
  { currency: "EUR", rate: "1.08" },
  { currency: "GBP", rate: "1.27" },
  { currency: "BRL", rate: "0.19" },
];

async function ensureDemoRates(log: (line: string) => void) {
  if (await getDb().exchangeRate.count()) return;
  for (const r of DEMO_RATES) await addExchangeRate({ ...r, validFrom: "2020-01-01" }, null);
  log(`Added sample exchange rates for ${DEMO_RATES.map((r) => r.currency).join(", ")}`);
}

export async function ensureDemoWorkspace(sandbox: Sandbox, log: (line: string) => void) {
  const login = await ensureDemoAdmin(log);
  await ensureDemoRates(log);
  await ensureDemoSources(sandbox, log);
  await ensureDemoExactSales(sandbox, log);
  await ensureDemoDestinations(sandbox, log);
  return login;
}

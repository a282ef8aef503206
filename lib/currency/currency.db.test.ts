import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
// Aliased: the helper's use… name trips react-hooks/rules-of-hooks.
import { disconnectDb, truncateAll, connectTestDatabase } from "@/lib/test/db";
import { addExchangeRate } from "./add-exchange-rate";
import { deleteExchangeRate } from "./delete-exchange-rate";
import { getBaseCurrency } from "./get-base-currency";
import { importExchangeRates } from "./import-exchange-rates";
import { listExchangeRates } from "./list-exchange-rates";
import { loadRates } from "./load-rates";
import { rateFor } from "./rate-for";
import { setBaseCurrency } from "./set-base-currency";

const db = connectTestDatabase();
beforeEach(truncateAll);
afterAll(disconnectDb);

const admin: Actor = { id: "u_admin", email: "admin@example.com", role: "admin" };

describe("base currency", () => {
  it("defaults to USD, is set (validated, audited) and read back", async () => {
    expect(await getBaseCurrency()).toBe("USD");
    expect(await setBaseCurrency({ currency: " eur " }, admin)).toEqual({ baseCurrency: "EUR", previous: "USD", changed: true, deletedRates: 0 });
    expect(await getBaseCurrency()).toBe("EUR");
    const setting = await db.setting.findUniqueOrThrow({ where: { key: "baseCurrency" } });
    expect(setting).toMatchObject({ value: "EUR", updatedBy: "u_admin" });
    const events = await db.auditEvent.findMany({ where: { action: "settings.base_currency" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorEmail: "admin@example.com", summary: "Changed the base currency from USD to EUR" });
    expect(events[0].details).toEqual({ before: "USD", after: "EUR", deletedRates: 0 });

    expect(await setBaseCurrency({ currency: "EUR" }, admin)).toMatchObject({ changed: false });
    expect(await db.auditEvent.count()).toBe(1);
  });

  it("refuses unknown and withdrawn codes", async () => {
    const unknown = await setBaseCurrency({ currency: "EURO" }, admin).catch((e) => e);
    expect(unknown.name).toBe("ZodError");
    const withdrawn = await setBaseCurrency({ currency: "HRK" }, admin).catch((e) => e);
    expect(withdrawn.issues[0].message).toMatch(/withdrawn.*use EUR/);
    expect(await getBaseCurrency()).toBe("USD");
  });

  it("refuses to strand existing rates unless asked to delete them", async () => {
    await addExchangeRate({ currency: "EUR", rate: "1.08", validFrom: "2024-01-01" }, admin);
    const err = await setBaseCurrency({ currency: "GBP" }, admin).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(/1 exchange rate is expressed in USD/);
    expect(await getBaseCurrency()).toBe("USD");
    expect(await setBaseCurrency({ currency: "GBP", deleteExistingRates: true }, admin)).toMatchObject({ changed: true, deletedRates: 1 });
    expect(await db.exchangeRate.count()).toBe(0);
  });

  it("a corrupt stored value is an error, not a silent default", async () => {
    await db.setting.create({ data: { key: "baseCurrency", value: "XXX" } });
    await expect(getBaseCurrency()).rejects.toThrow(/not an ISO 4217 code/);
  });
});

describe("exchange rates by hand", () => {
  it("adds, replaces (audited with before/after), lists and deletes", async () => {
    const first = await addExchangeRate({ currency: "eur", rate: "1.0800", validFrom: "2024-01-01" }, admin);
    expect(first.replaced).toBeNull();
    expect(first.rate).toMatchObject({ currency: "EUR", rateToBase: "1.08", validFrom: "2024-01-01" });
    const second = await addExchangeRate({ currency: "EUR", rate: 1.09, validFrom: "2024-01-01" }, admin);
    expect(second.replaced).toBe("1.08");
    expect(second.rate.id).toBe(first.rate.id);
    await addExchangeRate({ currency: "JPY", rate: "0.000000000001", validFrom: "2024-01-01" }, admin);
    await addExchangeRate({ currency: "EUR", rate: "999999999999.999999999999", validFrom: "2024-02-01" }, admin);
    const list = await listExchangeRates();
    expect(list.map((r) => [r.currency, r.validFrom, r.rateToBase])).toEqual([
      ["EUR", "2024-02-01", "999999999999.999999999999"],
      ["EUR", "2024-01-01", "1.09"],
      ["JPY", "2024-01-01", "0.000000000001"],
    ]);
    expect(await listExchangeRates({ currency: "jpy" })).toHaveLength(1);
    const audit = await db.auditEvent.findMany({ where: { action: "exchange_rate.set" }, orderBy: { id: "asc" } });
    expect(audit[1].summary).toBe("Set 1 EUR = 1.09 USD from 2024-01-01 (was 1.08)");

    await deleteExchangeRate(first.rate.id, admin);
    expect(await db.exchangeRate.count()).toBe(2);
    expect((await deleteExchangeRate(first.rate.id, admin).catch((e) => e)).code).toBe("not_found");
  });

  it("validates currency, rate and date, and refuses the base currency", async () => {
    const bad = await addExchangeRate({ currency: "ABC", rate: "1,5", validFrom: "01/02/2024" }, admin).catch((e) => e);
    expect(bad.name).toBe("ZodError");
    expect(bad.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(["currency", "rate", "validFrom"]);
    const base = await addExchangeRate({ currency: "USD", rate: "1", validFrom: "2024-01-01" }, admin).catch((e) => e);
    expect(base.issues[0]).toMatchObject({ path: ["currency"], message: "USD is the base currency; its rate is always 1" });
    expect(await addExchangeRate({ currency: "EUR", rate: "0", validFrom: "2024-02-30" }, admin).catch((e) => e.issues.length)).toBe(2);
    expect(await db.exchangeRate.count()).toBe(0);
  });
});

describe("rateFor / loadRates", () => {
  beforeEach(async () => {
    await addExchangeRate({ currency: "EUR", rate: "1.10", validFrom: "2024-01-01" }, admin);
    await addExchangeRate({ currency: "EUR", rate: "1.08", validFrom: "2024-02-01" }, admin);
    await addExchangeRate({ currency: "JPY", rate: "0.006712", validFrom: "2024-01-15" }, admin);
  });

  it("uses the latest rate on or before the date", async () => {
    expect(await rateFor("EUR", "2024-01-31")).toEqual({ ok: true, currency: "EUR", rate: "1.1", validFrom: "2024-01-01" });
    expect(await rateFor("EUR", "2024-02-01")).toMatchObject({ rate: "1.08", validFrom: "2024-02-01" });
    expect(await rateFor("EUR", new Date("2030-01-01T00:00:00Z"))).toMatchObject({ rate: "1.08" });
    expect(await rateFor("USD", "1999-01-01")).toMatchObject({ ok: true, rate: "1" });
  });

  it("gives a typed no-rate, never a neighbouring rate", async () => {
    expect(await rateFor("EUR", "2023-12-31")).toMatchObject({
      ok: false,
      reason: "no_rate",
      message: "No EUR→USD rate on or before 2023-12-31 (the first one is from 2024-01-01)",
    });
    expect(await rateFor("GBP", "2024-06-01")).toMatchObject({ ok: false, reason: "no_rate" });
    expect(await rateFor("nope", "2024-06-01")).toMatchObject({ ok: false, reason: "unknown_currency" });
  });

  it("loadRates agrees with rateFor and converts in bulk", async () => {
    const table = await loadRates();
    expect(table.baseCurrency).toBe("USD");
    for (const [c, d] of [["EUR", "2024-01-31"], ["EUR", "2024-02-01"], ["EUR", "2023-12-31"], ["JPY", "2024-01-14"], ["JPY", "2024-01-15"], ["GBP", "2024-01-15"]]) {
      expect(table.lookup(c, d)).toEqual(await rateFor(c, d));
    }
    expect(table.convert(1_000_000n, "JPY", "2024-03-01")).toMatchObject({ ok: true, baseMinor: 671_200n });
    expect(table.convert(1_000_000n, "JPY", "2024-01-01")).toMatchObject({ ok: false, reason: "no_rate" });
    expect((await loadRates({ currencies: ["jpy"] })).lookup("EUR", "2024-03-01")).toMatchObject({ ok: false });
  });
});

describe("importExchangeRates", () => {
  const csv = [
    "date,currency,rate", // 1
    "2024-01-01,EUR,1.10", // 2
    "2024-01-01,JPY,0.0067", // 3
    "2024-02-30,GBP,1.27", // 4 bad date
    "2024-01-01,GBP,-1", // 5 bad rate
    "2024-01-01,USD,1", // 6 base (info, skipped)
    "2024-02-01,EUR,1.08", // 7
  ].join("\n");

  it("imports good rows in one transaction, skips and reports bad ones with line numbers", async () => {
    const r = await importExchangeRates(csv, admin, { fileName: "rates-jan.csv" });
    expect(r).toMatchObject({ fileRejected: false, imported: 3, inserted: 3, updated: 0, unchanged: 0, skipped: 3 });
    expect(r.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [4, "date", "invalid_date"],
      [5, "rate", "invalid_rate"],
      [6, "currency", "base_currency"],
    ]);
    expect((await listExchangeRates()).map((x) => [x.currency, x.validFrom, x.rateToBase])).toEqual([
      ["EUR", "2024-02-01", "1.08"],
      ["EUR", "2024-01-01", "1.1"],
      ["JPY", "2024-01-01", "0.0067"],
    ]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "exchange_rate.import" } });
    expect(event.summary).toBe("Imported 3 exchange rates from rates-jan.csv (3 new, 0 changed, 0 unchanged, 3 skipped)");
  });

  it("upserts on currency + validFrom: changed rows update, identical rows are left alone", async () => {
    await importExchangeRates(csv, admin);
    const again = await importExchangeRates("date,currency,rate\n2024-01-01,EUR,1.1000\n2024-02-01,EUR,1.07\n2024-03-01,EUR,1.05\n", admin);
    expect(again).toMatchObject({ imported: 3, inserted: 1, updated: 1, unchanged: 1, skipped: 0, problems: [] });
    expect(await db.exchangeRate.count()).toBe(4);
    expect(await rateFor("EUR", "2024-02-15")).toMatchObject({ rate: "1.07" });
  });

  it("imports nothing from a malformed file", async () => {
    const r = await importExchangeRates(Buffer.from("day,ccy\n2024-01-01,EUR\n"), admin);
    expect(r).toMatchObject({ fileRejected: true, imported: 0 });
    expect(r.problems).toContainEqual(expect.objectContaining({ line: 1, column: "rate", code: "missing_column" }));
    expect(await db.exchangeRate.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("refuses files over the size limit", async () => {
    const err = await importExchangeRates(csv, admin, { maxBytes: 10 }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("payload_too_large");
  });

  it("treats rows for the current base currency as base rows", async () => {
    await setBaseCurrency({ currency: "EUR" }, admin);
    const r = await importExchangeRates("date,currency,rate\n2024-01-01,USD,0.92\n2024-01-01,EUR,1.1\n", admin);
    expect(r.imported).toBe(1);
    expect(r.problems).toEqual([expect.objectContaining({ line: 3, code: "base_currency", severity: "error" })]);
  });

  it("handles thousands of rows in chunks", async () => {
    const lines = ["date,currency,rate"];
    const start = Date.UTC(2020, 0, 1);
    for (let i = 0; i < 2500; i++) lines.push(`${new Date(start + i * 86_400_000).toISOString().slice(0, 10)},EUR,1.${String(i).padStart(4, "0")}`);
    const r = await importExchangeRates(lines.join("\n"), admin);
    expect(r).toMatchObject({ imported: 2500, inserted: 2500 });
    expect(await rateFor("EUR", "2020-01-03")).toMatchObject({ rate: "1.0002" });
  });
});

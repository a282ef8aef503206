import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { connectTestDatabase, disconnectDb, truncateAll } from "@/lib/test/db";
import { exportAuditEventsCsv } from "./export-audit-events-csv";
import { listAuditActions, listAuditEvents } from "./list-audit-events";

const db = connectTestDatabase();
beforeEach(truncateAll);
afterAll(disconnectDb);

async function seed() {
  await db.auditEvent.createMany({
    data: [
      { at: new Date("2026-01-01T10:00:00Z"), actorEmail: "ana@example.com", action: "user.create", summary: "Created user x" },
      { at: new Date("2026-01-02T23:59:59Z"), actorEmail: "bo@example.com", action: "credential.create", summary: '=HYPERLINK("http://evil","click")' },
      { at: new Date("2026-01-03T00:00:00Z"), actorEmail: "ana@example.com", action: "credential.delete", summary: "Deleted, with a comma" },
    ],
  });
}
async function collect(gen: AsyncGenerator<string>) {
  let out = "";
  for await (const line of gen) out += line;
  return out;
}

describe("audit log filters and export", () => {
  it("filters by actor substring, action prefix and inclusive UTC days", async () => {
    await seed();
    expect((await listAuditEvents({ actor: "ANA" })).map((e) => e.action)).toEqual(["credential.delete", "user.create"]);
    expect((await listAuditEvents({ action: "credential" })).length).toBe(2);
    expect((await listAuditEvents({ from: "2026-01-02", to: "2026-01-02" })).map((e) => e.action)).toEqual(["credential.create"]);
    expect((await listAuditEvents({ from: "", to: "", actor: "" })).length).toBe(3);
    await expect(listAuditEvents({ from: "02/01/2026" })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(listAuditEvents({ limit: 501 })).rejects.toThrow(/at most 500/);
    expect(await listAuditActions()).toEqual(["credential.create", "credential.delete", "user.create"]);
  });

  it("exports CSV newest first with formula cells neutralised and quoting intact", async () => {
    await seed();
    const csv = await collect(exportAuditEventsCsv({ action: "credential" }));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,at_utc,actor_email,actor_id,action,target_type,target_id,summary");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('credential.delete,,,"Deleted, with a comma"');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
  });

  it("pages through more rows than one batch", async () => {
    await db.auditEvent.createMany({ data: Array.from({ length: 2500 }, (_, i) => ({ action: "bulk.test", summary: `event ${i}` })) });
    const csv = await collect(exportAuditEventsCsv({}));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(2501);
    expect(new Set(lines).size).toBe(2501);
  });
});

import { parseArgs } from "node:util";
import { getMigrationStatus, migrate } from "@/lib/db/migrations";
import { AppError } from "@/lib/errors";
import type { CliCommand } from "./types";

export const migrateCommand: CliCommand = {
  name: "migrate",
  usage: "migrate [--status]",
  summary: "apply pending migrations (or, with --status, only report them)",
  async run(args, out, db) {
    const { values } = parseArgs({ args, options: { status: { type: "boolean" } }, strict: true });
    if (!values.status) {
      const applied = await migrate(db.url);
      out.progress(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "No pending migrations");
    }
    const status = await getMigrationStatus(db.url);
    const human = status.upToDate
      ? `Database is up to date (${status.total} migrations, ${db.kind} PostgreSQL)`
      : `Pending: ${status.pending.join(", ") || "none"}; failed: ${status.failed.join(", ") || "none"}`;
    out.result(human, { database: db.kind, ...status });
    if (!status.upToDate && !values.status) throw new AppError("internal", "Database is not up to date after migrating");
  },
};

export const migrationCommand: CliCommand = {
  name: "migration",
  usage: "migration create <name>",
  summary: "write a new migration from the changes in prisma/schema.prisma",
  async run(args, out, db) {
    const [sub, name] = args;
    if (sub !== "create" || !name) throw new AppError("bad_request", "usage: dealport migration create <name>");
    const { createMigration } = await import("@/lib/db/migrations");
    const created = await createMigration({ url: db.url, name });
    out.result(created ? `Created ${created.folder}` : "No schema changes since the last migration", {
      created: created?.folder ?? null,
    });
  },
};

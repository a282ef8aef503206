import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { generatePassword } from "@/lib/auth/passwords";
import { disconnectDb } from "@/lib/db/client";
import { resolveDatabase, type DatabaseTarget } from "@/lib/db/database-url";
import { createMigration, getMigrationStatus, migrate } from "@/lib/db/migrations";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { createOutput, reportError, type Output } from "./output";

const USAGE = `Usage: dealport <command> [options]

Commands:
  migrate [--status]                     apply pending migrations (or only report them)
  migration create <name>                write a new migration from prisma/schema.prisma changes
  user add --email E --role R [--password P] [--name N]
                                         add a user (admin | operator | viewer); a password is
                                         asked for, or generated when there is no terminal

Options:
  --json    machine-readable output on stdout
  --help    this text

With no DATABASE_URL the embedded PostgreSQL under data/ is used (started if needed).`;

type Command = (args: string[], out: Output, db: DatabaseTarget) => Promise<void>;

const commands: Record<string, Command> = {
  async migrate(args, out, db) {
    const { values } = parseArgs({ args, options: { status: { type: "boolean" } }, strict: true });
    if (!values.status) {
      const applied = await migrate(db.url);
      out.progress(applied.length ? `Applied ${applied.length} migration(s)` : "No pending migrations");
    }
    const status = await getMigrationStatus(db.url);
    const human = status.upToDate
      ? `Database is up to date (${status.total} migrations, ${db.kind} PostgreSQL)`
      : `Pending: ${status.pending.join(", ") || "none"}; failed: ${status.failed.join(", ") || "none"}`;
    out.result(human, { database: db.kind, ...status });
    if (!status.upToDate && !values.status) throw new AppError("internal", "Database is not up to date after migrating");
  },

  async migration(args, out, db) {
    const [sub, name] = args;
    if (sub !== "create" || !name) throw new AppError("bad_request", "usage: dealport migration create <name>");
    const created = await createMigration({ url: db.url, name });
    out.result(created ? `Created ${created.folder}` : "No schema changes since the last migration", {
      created: created?.folder ?? null,
    });
  },

  async user(args, out) {
    const [sub, ...rest] = args;
    if (sub !== "add") throw new AppError("bad_request", "usage: dealport user add --email E --role R [--password P]");
    const { values } = parseArgs({
      args: rest,
      options: { email: { type: "string" }, role: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
      strict: true,
    });
    let password = values.password;
    let generated = false;
    if (!password) {
      if (process.stdin.isTTY && !out.json) {
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        password = (await rl.question("Password (empty to generate one): ")).trim();
        rl.close();
      }
      if (!password) {
        password = generatePassword();
        generated = true;
      }
    }
    const user = await createUser({ email: values.email ?? "", role: values.role as never, password, name: values.name }, null);
    out.result(
      `Added ${user.email} (${user.role})${generated ? `\nPassword: ${password}` : ""}`,
      { user, ...(generated ? { password } : {}) },
    );
  },
};

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const args = argv.filter((a) => a !== "--json");
  const out = createOutput(json);
  const command = commands[args[0] ?? ""];
  if (!command || args.includes("--help")) {
    process.stderr.write(`${USAGE}\n`);
    return args[0] && !args.includes("--help") ? 2 : 0;
  }
  let db: DatabaseTarget | undefined;
  try {
    db = await resolveDatabase(out.progress);
    await command(args.slice(1), out, db);
    return 0;
  } catch (err) {
    return reportError(err, json);
  } finally {
    await disconnectDb();
    await db?.embedded?.stop();
  }
}

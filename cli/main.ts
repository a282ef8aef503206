import { disconnectDb } from "@/lib/db/client";
import { resolveDatabase, type DatabaseTarget } from "@/lib/db/database-url";
import { COMMANDS } from "./commands";
import { createOutput, reportError } from "./output";

function usage() {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return `Usage: dealport <command> [options]

Commands:
${lines.join("\n")}

Options:
  --json    machine-readable output on stdout (progress stays on stderr)
  --help    this text

With no DATABASE_URL the embedded PostgreSQL under data/ is used (started if needed).
Exit code: 0 on success, 1 on failure, 2 on a usage error.`;
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const args = argv.filter((a) => a !== "--json");
  const out = createOutput(json);
  const command = COMMANDS.find((c) => c.name === args[0]);
  if (!command || args.includes("--help")) {
    process.stderr.write(`${usage()}\n`);
    return args[0] && !args.includes("--help") ? 2 : 0;
  }
  let db: DatabaseTarget | undefined;
  try {
    db = await resolveDatabase(out.progress);
    await command.run(args.slice(1), out, db);
    return 0;
  } catch (err) {
    return reportError(err, json);
  } finally {
    await disconnectDb();
    await db?.embedded?.stop();
  }
}

import type { DatabaseTarget } from "@/lib/db/database-url";
import type { Output } from "../output";

/** One `dealport <name> …` command. `summary` lines make up the usage text. */
export type CliCommand = {
  name: string;
  usage: string;
  summary: string;
  run: (args: string[], out: Output, db: DatabaseTarget) => Promise<void>;
};

// Every CLI command, in the order `dealport --help` lists them. Add new ones here.
import { migrateCommand, migrationCommand } from "./migrate";
import type { CliCommand } from "./types";
import { userCommand } from "./user";

export const COMMANDS: CliCommand[] = [migrateCommand, migrationCommand, userCommand];

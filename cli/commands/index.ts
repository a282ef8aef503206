// Every CLI command, in the order `dealport --help` lists them. Add new ones here.
import { baseCurrencyCommand } from "./base-currency";
import { credentialCommand } from "./credential";
import { importCommand, importsCommand, pullCommand } from "./import";
import { linkRuleCommand } from "./link-rule";
import { migrateCommand, migrationCommand } from "./migrate";
import { destinationCommand, pushCommand, pushWorkerCommand, runsCommand } from "./push";
import { matchCommand } from "./match";
import { ratesCommand } from "./rates";
import { rotateKeyCommand } from "./rotate-key";
import { sourceCommand } from "./source";
import type { CliCommand } from "./types";
import { userCommand } from "./user";
import { workerCommand } from "./worker";

export const COMMANDS: CliCommand[] = [
  migrateCommand,
  migrationCommand,
  userCommand,
  credentialCommand,
  baseCurrencyCommand,
  ratesCommand,
  rotateKeyCommand,
  sourceCommand,
  importCommand,
  importsCommand,
  linkRuleCommand,
  pullCommand,
  workerCommand,
  destinationCommand,
  matchCommand,
  pushCommand,
  runsCommand,
  pushWorkerCommand,
];

#!/usr/bin/env node
// `npx dealport …`: runs the TypeScript CLI through tsx so it shares lib/ with the app.
import "./runtime-flags.mjs";
import { register } from "tsx/esm/api";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Every entry point runs from the project root (data/, prisma/migrations, .env.local).
process.chdir(root);
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import("./main.ts");
// Exit explicitly: open pools and exit hooks must not keep the process alive or change the code.
process.exit(await main(process.argv.slice(2)));

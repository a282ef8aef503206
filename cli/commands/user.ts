import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { generatePassword } from "@/lib/auth/passwords";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import type { Output } from "../output";
import type { CliCommand } from "./types";

async function askPassword(out: Output) {
  if (!process.stdin.isTTY || out.json) return "";
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question("Password (empty to generate one): ");
  rl.close();
  return answer.trim();
}

export const userCommand: CliCommand = {
  name: "user",
  usage: "user add --email E --role admin|operator|viewer [--password P] [--name N]",
  summary: "add a user; the password is asked for, or generated and printed once",
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub !== "add") throw new AppError("bad_request", `usage: dealport ${userCommand.usage}`);
    const { values } = parseArgs({
      args: rest,
      options: { email: { type: "string" }, role: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
      strict: true,
    });
    const given = values.password ?? (await askPassword(out));
    const password = given || generatePassword();
    const user = await createUser({ email: values.email ?? "", role: values.role as never, password, name: values.name }, null);
    const generated = !given;
    out.result(`Added ${user.email} (${user.role})${generated ? `\nPassword: ${password}` : ""}`, {
      user,
      ...(generated ? { password } : {}),
    });
  },
};

import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { generatePassword } from "@/lib/auth/passwords";
import { AppError } from "@/lib/errors";
import { changeUserRole } from "@/lib/users/change-user-role";
import { createUser } from "@/lib/users/create-user";
import { changeUserRoleSchema, createUserSchema } from "@/lib/users/schemas";
import { findUserIdByEmail } from "@/lib/users/find-user-by-email";
import { listUsers } from "@/lib/users/list-users";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import type { Output } from "../output";
import type { CliCommand } from "./types";

const USAGE = `usage:
  dealport user add --email E --role admin|operator|viewer [--password P] [--name N]
  dealport user list
  dealport user role <email> admin|operator|viewer
  dealport user disable <email> | enable <email>
  dealport user reset-password <email>`;

async function askPassword(out: Output) {
  if (!process.stdin.isTTY || out.json) return "";
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question("Password (empty to generate one): ");
  rl.close();
  return answer.trim();
}

async function add(rest: string[], out: Output) {
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: "string" }, role: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
    strict: true,
  });
  const given = values.password ?? (await askPassword(out));
  const password = given || generatePassword();
  const user = await createUser(createUserSchema.parse({ email: values.email ?? "", role: values.role, password, name: values.name }), null);
  const generated = !given;
  out.result(`Added ${user.email} (${user.role})${generated ? `\nPassword: ${password}` : ""}`, { user, ...(generated ? { password } : {}) });
}

export const userCommand: CliCommand = {
  name: "user",
  usage: "user add|list|role|disable|enable|reset-password …",
  summary: "manage users; generated passwords are printed once",
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub === "add") return add(rest, out);
    if (sub === "list") {
      const users = await listUsers();
      out.result(users.map((u) => `${u.email}  ${u.role}${u.disabled ? "  (disabled)" : ""}`).join("\n") || "No users", { users });
      return;
    }
    const [email, role] = rest;
    if (!email) throw new AppError("bad_request", USAGE);
    if (sub === "role" && role) {
      const result = await changeUserRole(changeUserRoleSchema.parse({ userId: await findUserIdByEmail(email), role }), null);
      out.result(result.changed ? `${result.email} is now ${result.role}` : `${result.email} is already ${result.role}`, result);
    } else if (sub === "disable" || sub === "enable") {
      const result = await setUserDisabled({ userId: await findUserIdByEmail(email), disabled: sub === "disable" }, null);
      const revoked = result.revokedTokens ? `; ${result.revokedTokens} API token(s) revoked` : "";
      out.result(`${result.email} is ${result.disabled ? "disabled" : "enabled"}${result.changed ? "" : " (unchanged)"}${revoked}`, result);
    } else if (sub === "reset-password") {
      const result = await resetUserPassword(await findUserIdByEmail(email), null);
      const revoked = result.revokedTokens ? ` (${result.revokedTokens} API token(s) revoked)` : "";
      out.result(`New password for ${result.email}: ${result.password}${revoked}`, result);
    } else {
      throw new AppError("bad_request", USAGE);
    }
  },
};

import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { CREDENTIAL_KINDS } from "@/lib/credentials/kinds";
import { deleteCredential } from "@/lib/credentials/delete-credential";
import { findCredentialId } from "@/lib/credentials/find-credential";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { saveCredential } from "@/lib/credentials/save-credential";
import { saveCredentialSchema } from "@/lib/credentials/schemas";
import { testCredentialConnection } from "@/lib/credentials/test-connection";
import { AppError } from "@/lib/errors";
import type { CliCommand } from "./types";

const USAGE = `usage:
  dealport credential add --kind ${CREDENTIAL_KINDS.join("|")} --name N --secret-file FILE|- [--endpoint URL] [--id ID]
    (--endpoint: the only place the secret is ever sent; changing it means adding the secret again)
  dealport credential list
  dealport credential delete <id-or-name>
  dealport credential test <id-or-name> [--bucket B] [--region R]`;

// The secret is read from a file or stdin, never an argument: arguments end up in
// shell history and in every user's `ps` output.
async function readSecret(path: string | undefined): Promise<unknown> {
  if (!path) throw new AppError("bad_request", `--secret-file is required (a JSON object, e.g. {"apiKey":"…"}; - reads stdin)\n${USAGE}`);
  const text = path === "-" ? await new Response(process.stdin as unknown as ReadableStream).text() : await readFile(path, "utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The secret file must hold a JSON object, e.g. {\"apiKey\":\"…\"}");
  }
}

const summaryLine = (c: { name: string; kind: string; last4: string; id: string; updatedAt: Date; createdBy: { email: string | null } | null }) =>
  `${c.name}  ${c.kind}  …${c.last4 || "????"}  ${c.id}  updated ${c.updatedAt.toISOString().slice(0, 16)}${c.createdBy?.email ? ` by ${c.createdBy.email}` : ""}`;

export const credentialCommand: CliCommand = {
  name: "credential",
  usage: "credential add|list|delete|test …",
  summary: "manage encrypted credentials (secrets from a file or stdin; only last 4 are shown)",
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub === "list") {
      const credentials = await listCredentials();
      out.result(credentials.length ? credentials.map(summaryLine).join("\n") : "No credentials yet", { credentials });
    } else if (sub === "add") {
      const { values } = parseArgs({
        args: rest,
        options: { kind: { type: "string" }, name: { type: "string" }, id: { type: "string" }, endpoint: { type: "string" }, "secret-file": { type: "string" } },
        strict: true,
      });
      const secret = await readSecret(values["secret-file"]);
      const { credential, created } = await saveCredential(saveCredentialSchema.parse({ kind: values.kind, name: values.name, id: values.id, endpoint: values.endpoint, secret }), null);
      out.result(`${created ? "Added" : "Replaced"} ${summaryLine(credential)}`, { credential, created });
    } else if (sub === "delete" && rest[0]) {
      const deleted = await deleteCredential(await findCredentialId(rest[0]), null);
      out.result(`Deleted credential "${deleted.name}"`, deleted);
    } else if (sub === "test" && rest[0]) {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { bucket: { type: "string" }, region: { type: "string" } },
        allowPositionals: true,
        strict: true,
      });
      const result = await testCredentialConnection({ credentialId: await findCredentialId(positionals[0]), ...values }, null);
      out.result(`${result.ok ? "OK" : "FAILED"}: ${result.message} (${result.endpoint}, ${result.durationMs} ms)`, result);
      if (!result.ok) throw new AppError("bad_request", `Connection test failed: ${result.message}`);
    } else {
      throw new AppError("bad_request", USAGE);
    }
  },
};

import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { rotateCredentialKeys } from "@/lib/credentials/rotate-credential-keys";
import type { CliCommand } from "./types";

const STEPS = `To rotate the key that encrypts stored credentials:
  1. Set DEALPORT_SECRET_KEY_PREVIOUS to the current DEALPORT_SECRET_KEY.
  2. Set DEALPORT_SECRET_KEY to the new key.
  3. Run \`npx dealport rotate-key\`: every credential is re-encrypted under the new key and
     checked to open with it alone. Servers still running with the old key refuse to save
     credentials from then on (and cannot read the re-encrypted ones).
  4. Restart every app and worker with the new DEALPORT_SECRET_KEY; remove DEALPORT_SECRET_KEY_PREVIOUS.`;

export const rotateKeyCommand: CliCommand = {
  name: "rotate-key",
  usage: "rotate-key [--all] [--generate]",
  summary: "re-encrypt every credential under DEALPORT_SECRET_KEY (--generate: print a new key and the steps)",
  async run(args, out) {
    const { values } = parseArgs({ args, options: { all: { type: "boolean" }, generate: { type: "boolean" } }, strict: true });
    if (values.generate) {
      const key = randomBytes(32).toString("base64");
      out.result(`New key: ${key}\n\n${STEPS}`, { key, steps: STEPS.split("\n").slice(1).map((s) => s.trim()) });
      return;
    }
    const result = await rotateCredentialKeys(null, { all: values.all });
    const from = Object.entries(result.fromKeyIds).map(([id, n]) => `${n} from ${id}`).join(", ");
    out.result(
      `Re-encrypted ${result.rotated} of ${result.total} credentials under key ${result.keyId}${from ? ` (${from})` : ""}; ${result.alreadyCurrent} were already current. ` +
        `All ${result.verified} open with the current key alone: restart every app and worker with it, then remove DEALPORT_SECRET_KEY_PREVIOUS.`,
      result,
    );
  },
};

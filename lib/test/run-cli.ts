// The CLI as a user runs it: `node cli/dealport.mjs …` in a child process, against the test
// database that connectTestDatabase() exported, with `env` laid over this process's environment.
import { execFile } from "node:child_process";

export type CliResult = { code: number; stdout: string; stderr: string };

/** A CLI that waits forever is killed after `timeoutMs` (and the test sees a non-zero code). */
export function runCli(args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      "node",
      ["cli/dealport.mjs", ...args],
      { env: options.env ? { ...process.env, ...options.env } : undefined, timeout: options.timeoutMs ?? 0 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

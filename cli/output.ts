// How the CLI talks: results on stdout (JSON with --json), progress and errors on stderr.
import { AppError, toAppError } from "@/lib/errors";

export type Output = {
  json: boolean;
  progress: (line: string) => void;
  result: (human: string, data: unknown) => void;
};

export function createOutput(json: boolean): Output {
  return {
    json,
    progress: (line) => process.stderr.write(`${line}\n`),
    result: (human, data) => process.stdout.write(json ? `${JSON.stringify(data, bigintReplacer, 2)}\n` : `${human}\n`),
  };
}

function bigintReplacer(_key: string, value: unknown) {
  return typeof value === "bigint" ? value.toString() : value;
}

/** Prints an error the way a person (or a script with --json) can act on; returns the exit code. */
export function reportError(err: unknown, json: boolean): number {
  const appError = toAppError(err);
  // What toAppError recognises has a message meant for people; the rest is shown raw to the
  // operator running the command on their own machine.
  const message = appError.code !== "internal" || err instanceof AppError ? appError.message : err instanceof Error ? err.message : String(err);
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: { code: appError.code, message, details: appError.details ?? null } })}\n`);
  } else {
    process.stderr.write(`error: ${message}\n`);
    if (appError.details && typeof appError.details === "object") {
      for (const [field, problem] of Object.entries(appError.details)) process.stderr.write(`  ${field}: ${String(problem)}\n`);
    }
  }
  return 1;
}

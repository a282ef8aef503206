import { AppError } from "@/lib/errors";

/** How long "Test connection" waits for an answer. */
export const TEST_TIMEOUT_MS = 15_000;

/** A failed "Test connection" in plain words: our own errors as they are, a timeout as one. */
export function testFailureMessage(error: unknown, doing: string): string {
  if (error instanceof AppError) return error.message;
  if ((error as Error)?.name === "TimeoutError" || (error as Error)?.name === "AbortError") return `No answer within ${TEST_TIMEOUT_MS / 1000} seconds`;
  return `${doing}: ${error instanceof Error ? error.message : String(error)}`;
}

import { tmpdir } from "node:os";
import path from "node:path";

// The users every journey can sign in as (created by e2e/serve.ts).
export const E2E_USERS = {
  admin: { email: "admin@e2e.test", password: "admin-password-123" },
  operator: { email: "operator@e2e.test", password: "operator-password-123" },
  viewer: { email: "viewer@e2e.test", password: "viewer-password-123" },
} as const;
export type E2ERole = keyof typeof E2E_USERS;

/** Where e2e/serve.ts writes the app server's stdout and stderr. */
export function e2eServerLogPath(port: string = process.env.E2E_PORT ?? "3100") {
  return path.join(tmpdir(), `dealport-e2e-server-${port}.log`);
}

// The users every journey can sign in as (created by e2e/serve.ts).
export const E2E_USERS = {
  admin: { email: "admin@e2e.test", password: "admin-password-123" },
  operator: { email: "operator@e2e.test", password: "operator-password-123" },
  viewer: { email: "viewer@e2e.test", password: "viewer-password-123" },
} as const;
export type E2ERole = keyof typeof E2E_USERS;

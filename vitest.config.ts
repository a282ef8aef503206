import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure, no database) and `db` (*.db.test.ts, a throwaway
// PostgreSQL database per run; see vitest.db-setup.ts).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Same mapping as tsconfig.json: tests run on the server side of the line.
      "server-only": path.resolve(import.meta.dirname, "lib/server-only-outside-next.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{lib,cli,sandbox,prisma,components,app}/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["{lib,cli,sandbox,prisma,app}/**/*.db.test.ts"],
          globalSetup: ["./vitest.db-setup.ts"],
          // One database per run, shared by the files: keep them in one worker at a time.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

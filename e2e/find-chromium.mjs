// Which Chromium the Playwright journeys launch, shared by playwright.config.ts and
// `npm test` (.ci/test-all.mjs): CHROMIUM_PATH when set, else Debian's `chromium` on the
// PATH, else the browser `npx playwright install chromium` downloaded. Null when none is
// there (test-all.mjs then installs Debian's or says what to install).
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

/** @returns {string | null} */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const name of ["chromium", "chromium-browser"]) {
      const candidate = path.join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  const playwrights = chromium.executablePath();
  return existsSync(playwrights) ? playwrights : null;
}

// docs/contracts/real-data-rules.md maps each rule of issue 13 to a test by file and name:
// a renamed or deleted test must not leave the table pointing at nothing.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const DOC = "docs/contracts/real-data-rules.md";
const root = path.resolve(import.meta.dirname, "../..");

/** The (file, name) of every table row: the last two cells, a `path` and a "quoted name". */
function citedTests() {
  return readFileSync(path.join(root, DOC), "utf8")
    .split("\n")
    .flatMap((line) => {
      const cells = line.split("|").map((c) => c.trim());
      const file = cells.at(-3)?.match(/^`([^`]+\.(?:test|spec)\.ts)`$/)?.[1];
      const name = cells.at(-2)?.match(/^"(.+)"$/)?.[1];
      return file && name ? [{ file, name }] : [];
    });
}

describe(DOC, () => {
  it("names tests that exist, each in the file the table gives", () => {
    const cited = citedTests();
    expect(cited.length).toBeGreaterThan(40);
    const missing = cited.filter(({ file, name }) => {
      const full = path.join(root, file);
      return !existsSync(full) || !readFileSync(full, "utf8").includes(name);
    });
    expect(missing).toEqual([]);
  });
});

// Folder sources read files with the server's rights: only folders under DEALPORT_IMPORT_ROOTS,
// judged after resolving symbolic links, and never a file that is a link out of the root.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openFolderFileStore } from "./folder-file-store";

let base: string;
let root: string;
let outside: string;

const openFolder = (folder: string) => openFolderFileStore({ path: folder });

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), "dealport-roots-"));
  root = path.join(base, "imports");
  outside = path.join(base, "data");
  mkdirSync(path.join(root, "drop"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(root, "drop", "deals.csv"), "Name\nA\n");
  writeFileSync(path.join(outside, "postgres.json"), '{"password":"superuser"}\n');
  // Inside the root, pointing out of it: a folder link and a file link.
  symlinkSync(outside, path.join(root, "data-link"));
  symlinkSync(path.join(outside, "postgres.json"), path.join(root, "drop", "accounts.csv"));
});
afterEach(() => vi.unstubAllEnvs());
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("folder sources and DEALPORT_IMPORT_ROOTS", () => {
  it("refuses every folder when no import root is configured", async () => {
    vi.stubEnv("DEALPORT_IMPORT_ROOTS", undefined);
    await expect(openFolder(path.join(root, "drop"))).rejects.toThrow(/no import roots are configured/);
  });

  it("refuses a folder outside the roots, such as the server's data folder", async () => {
    vi.stubEnv("DEALPORT_IMPORT_ROOTS", root);
    await expect(openFolder(outside)).rejects.toThrow(/outside the import roots/);
    await expect(openFolder(`${root}/drop/../../data`)).rejects.toThrow(/outside the import roots/);
  });

  it("resolves symbolic links before the check", async () => {
    vi.stubEnv("DEALPORT_IMPORT_ROOTS", root);
    await expect(openFolder(path.join(root, "data-link"))).rejects.toThrow(/outside the import roots/);
  });

  it("lists and reads regular files under a root, never a link out of it", async () => {
    vi.stubEnv("DEALPORT_IMPORT_ROOTS", root);
    const store = await openFolder(path.join(root, "drop"));
    const files = await store.list();
    expect(files.map((f) => f.name)).toEqual(["deals.csv"]);
    let text = "";
    for await (const chunk of await store.open(files[0])) text += Buffer.from(chunk).toString("utf8");
    expect(text).toBe("Name\nA\n");
    // Swapped for a link after listing: refused rather than followed.
    unlinkSync(path.join(root, "drop", "deals.csv"));
    symlinkSync(path.join(outside, "postgres.json"), path.join(root, "drop", "deals.csv"));
    await expect(store.open({ ...files[0], etag: null })).rejects.toThrow(/cannot be opened \(ELOOP\)/);
  });
});

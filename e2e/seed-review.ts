// The review journey's world: a folder source whose drop the journey (another process)
// rewrites between imports; the folder's path is derived from the port both processes know.
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportEnv } from "@/lib/env";
import { writeDrop, type DropDeal } from "@/lib/imports/test/folder-drop";
import { saveSource } from "@/lib/sources/save-source";

export const E2E_REVIEW = {
  sourceName: "E2E Review drop",
  folder: path.join(os.tmpdir(), `dealport-e2e-review-${process.env.E2E_PORT ?? "3100"}`),
};

export const reviewDeals = (ids: number[]): DropDeal[] => ids.map((i) => ({ id: `RV-${String(i).padStart(3, "0")}`, account: "RA-1", accountName: "Review Account" }));

export function writeReviewDrop(ids: number[]) {
  writeDrop(E2E_REVIEW.folder, { deals: reviewDeals(ids) });
}

export async function seedReviewJourney() {
  rmSync(E2E_REVIEW.folder, { recursive: true, force: true });
  mkdirSync(E2E_REVIEW.folder, { recursive: true });
  writeReviewDrop([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  // Folder sources must lie under an import root; the app started after this inherits it.
  exportEnv({ DEALPORT_IMPORT_ROOTS: E2E_REVIEW.folder }, { override: true });
  await saveSource({ kind: "file_folder", name: E2E_REVIEW.sourceName, format: "jointflows", location: { path: E2E_REVIEW.folder } }, null);
}

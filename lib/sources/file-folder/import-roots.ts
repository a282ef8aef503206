// A folder source reads files with the server's own rights, so it may only name a folder
// under one of the configured import roots (DEALPORT_IMPORT_ROOTS). Symbolic links are
// resolved first: a link inside a root that points elsewhere is judged by where it points.
import { realpath } from "node:fs/promises";
import path from "node:path";
import { importRoots } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** The folder's real path when it lies under an import root; a field error on location.path otherwise. */
export async function confineToImportRoots(folder: string, roots: readonly string[] = importRoots()): Promise<string> {
  if (roots.length === 0) {
    throw new AppError("validation_failed", "Folder sources are turned off: no import roots are configured (set DEALPORT_IMPORT_ROOTS on the server)", {
      "location.path": "no import roots configured",
    });
  }
  let real: string;
  try {
    real = await realpath(folder);
  } catch (error) {
    throw new AppError("validation_failed", `Cannot read folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? "not found"}`, {
      "location.path": "cannot be read",
    });
  }
  for (const root of roots) {
    const realRoot = await realpath(root).catch(() => null);
    if (realRoot !== null && (real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep))) return real;
  }
  throw new AppError("validation_failed", `Folder ${folder} is outside the import roots (${roots.join(", ")}); only folders under them can be imported`, {
    "location.path": "outside the import roots",
  });
}

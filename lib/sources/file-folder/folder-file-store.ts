// Flat files in a local folder (file:// sources): for drops synced to disk and for
// trying a file out without a bucket. The "ETag" is size + modification time, which is
// what changes when a file is overwritten.
import "server-only";
import { constants } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { AppError } from "@/lib/errors";
import type { FileStore, StoredFile } from "../file-store";
import type { FolderLocation } from "../schemas";
import { confineToImportRoots } from "./import-roots";

export async function openFolderFileStore(location: FolderLocation): Promise<FileStore> {
  const folder = await confineToImportRoots(path.resolve(location.path));
  return {
    location: pathToFileURL(folder).href.replace(/\/?$/, "/"),

    async list() {
      let names: string[];
      try {
        // Regular files only: a symbolic link in the folder could point outside the import roots.
        names = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
      } catch (error) {
        throw new AppError("bad_request", `Cannot read folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const files: StoredFile[] = [];
      for (const name of names.sort()) {
        const info = await stat(path.join(folder, name));
        files.push({ key: path.join(folder, name), name, etag: fingerprint(info), size: info.size, lastModified: info.mtime });
      }
      return files;
    },

    async open(file, signal) {
      const info = await stat(file.key).catch(() => null);
      if (!info || (file.etag && fingerprint(info) !== file.etag)) {
        throw new AppError("bad_request", `${file.name} changed or disappeared while it was being read; run the import again`);
      }
      // O_NOFOLLOW: a file replaced by a symbolic link since it was listed is refused, not followed.
      const handle = await open(file.key, constants.O_RDONLY | constants.O_NOFOLLOW).catch((error: NodeJS.ErrnoException) => {
        throw new AppError("bad_request", `${file.name} cannot be opened (${error.code ?? "error"}); run the import again`);
      });
      // 64 KB reads (Node's default): each chunk's text lives until all its rows are staged, and
      // at 256 KB that outlived young-generation collections and was promoted (peak heap +20 MB).
      return handle.createReadStream({ signal, highWaterMark: 64 * 1024 });
    },

    close() {},
  };
}

function fingerprint(info: { size: number; mtimeMs: number }): string {
  return `${info.size}-${Math.trunc(info.mtimeMs)}`;
}

// Flat files in a local folder (file:// sources): for drops synced to disk and for
// trying a file out without a bucket. The "ETag" is size + modification time, which is
// what changes when a file is overwritten.
import "server-only";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { AppError } from "@/lib/errors";
import type { FileStore, StoredFile } from "../file-store";
import type { FolderLocation } from "../schemas";

export function openFolderFileStore(location: FolderLocation): FileStore {
  const folder = path.resolve(location.path);
  return {
    location: pathToFileURL(folder).href.replace(/\/?$/, "/"),

    async list() {
      let names: string[];
      try {
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
      return createReadStream(file.key, { signal, highWaterMark: 256 * 1024 });
    },

    close() {},
  };
}

function fingerprint(info: { size: number; mtimeMs: number }): string {
  return `${info.size}-${Math.trunc(info.mtimeMs)}`;
}

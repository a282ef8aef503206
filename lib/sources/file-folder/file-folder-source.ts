// Flat files in a folder on the server as a source kind (its registry line in ../registry.ts).
import "server-only";
import type { z } from "zod";
import { flatFileGroups, flatFileKind, flatFileSettingsSchema } from "../flat-file-source";
import { folderLocationSchema } from "../schemas";
import type { SourceKindModule } from "../source-kind";
import { openFolderFileStore } from "./folder-file-store";
import { confineToImportRoots } from "./import-roots";

// A local folder needs no credential: the schema has none, so whatever a form posts is dropped.
const settingsSchema = flatFileSettingsSchema(folderLocationSchema);

export const fileFolderSource: SourceKindModule<z.output<typeof settingsSchema>> = {
  form: {
    kind: "file_folder",
    label: "Local folder",
    groups: flatFileGroups({
      legend: "Folder on the server",
      fields: [{ type: "text", name: "location.path", label: "Folder", required: true, flag: "folder", placeholder: "/srv/drops/jointflows or file:///srv/drops/jointflows", className: "w-96" }],
    }),
  },
  settingsSchema,
  ...flatFileKind({
    location: folderLocationSchema,
    openStore: (_source, location) => openFolderFileStore(location),
    checkLocation: async (location) => void (await confineToImportRoots(location.path)),
    describeLocation: (location) => `file://${location.path}`,
  }),
  fromUrl: { protocol: "file:", settings: (url, { format, parse }) => ({ format, parse, location: { path: url.href } }) },
};

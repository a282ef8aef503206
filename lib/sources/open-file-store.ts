// The source registry for flat files: a saved source (kind + config + credential) → the
// store that lists and streams its files. Adding a kind means one folder and one case here.
import "server-only";
import { endpointForCredential } from "@/lib/credentials/credential-endpoint";
import { readCredentialSecret } from "@/lib/credentials/read-credential-secret";
import { AppError } from "@/lib/errors";
import { checkedTransport } from "@/lib/net/checked-transport";
import { parseEndpointUrl } from "@/lib/net/endpoint-url";
import { loadEndpointPolicy } from "@/lib/settings/allow-private-endpoints";
import { openFolderFileStore } from "./file-folder/folder-file-store";
import type { FileStore } from "./file-store";
import { openS3FileStore } from "./s3-flatfile/s3-file-store";
import { folderLocationSchema, s3LocationSchema } from "./schemas";

export interface FileSourceRow {
  name: string;
  kind: string;
  config: unknown;
  credentialId: string | null;
}

export async function openFileStore(source: FileSourceRow): Promise<FileStore> {
  const config = (source.config ?? {}) as { location?: unknown };
  switch (source.kind) {
    case "s3_flatfile": {
      const location = s3LocationSchema.parse(config.location);
      if (!source.credentialId) throw new AppError("bad_request", `Source "${source.name}" has no S3 credential; choose one in Settings → Sources`);
      const credential = await readCredentialSecret(source.credentialId, ["s3", "gcs_hmac"]);
      // The endpoint receives the credential: apply the same SSRF policy as "test connection".
      const policy = await loadEndpointPolicy();
      // The key pair goes to its credential's endpoint only; the source's own endpoint field must be that one.
      const allowed = endpointForCredential(credential, location.endpoint, `Source "${source.name}": S3 endpoint`);
      const endpoint = allowed === undefined ? undefined : parseEndpointUrl(allowed, policy, "S3 endpoint");
      return openS3FileStore({ ...location, endpoint }, credential.secret, checkedTransport(policy));
    }
    case "file_folder":
      return await openFolderFileStore(folderLocationSchema.parse(config.location));
    default:
      throw new AppError("bad_request", `Source "${source.name}" is a ${source.kind} source, which does not read files`);
  }
}

// Flat files in an S3 bucket prefix as a source kind (its registry line in ../registry.ts).
import "server-only";
import { z } from "zod";
import { endpointForCredential } from "@/lib/credentials/credential-endpoint";
import { readCredentialSecret } from "@/lib/credentials/read-credential-secret";
import { AppError } from "@/lib/errors";
import { checkedTransport } from "@/lib/net/checked-transport";
import { parseEndpointUrl } from "@/lib/net/endpoint-url";
import { loadEndpointPolicy } from "@/lib/settings/allow-private-endpoints";
import { flatFileGroups, flatFileKind, flatFileSettingsSchema } from "../flat-file-source";
import { s3LocationSchema, type S3Location } from "../schemas";
import type { SourceKindModule, StoredSource } from "../source-kind";
import { openS3FileStore } from "./s3-file-store";

const settingsSchema = flatFileSettingsSchema(s3LocationSchema, z.string({ error: "Choose the S3 credential" }).trim().min(1, "Choose the S3 credential"));

export const s3FlatfileSource: SourceKindModule<z.output<typeof settingsSchema>> = {
  form: {
    kind: "s3_flatfile",
    label: "S3 bucket (or S3-compatible: GCS, MinIO)",
    groups: flatFileGroups({
      legend: "S3 location",
      fields: [
        { type: "text", name: "location.bucket", label: "Bucket", required: true, flag: "bucket" },
        { type: "text", name: "location.prefix", label: "Prefix", placeholder: "jointflows/", flag: "prefix" },
        { type: "text", name: "location.region", label: "Region", defaultValue: "us-east-1", flag: "region" },
        { type: "url", name: "location.endpoint", label: "Endpoint (S3-compatible stores)", placeholder: "https://storage.googleapis.com", className: "w-80", flag: "endpoint", hint: "Empty for AWS." },
        {
          type: "select",
          name: "location.forcePathStyle",
          label: "Addressing",
          flag: "path-style",
          className: "min-w-80",
          options: [
            { value: "", label: "Path-style when an endpoint is set" },
            { value: "true", label: "Path-style (bucket in the path)" },
            { value: "false", label: "Virtual-hosted (bucket in the host name)" },
          ],
        },
        { type: "credential", name: "credentialId", label: "Credential", credentialKinds: ["s3", "gcs_hmac"], required: true, flag: "credential" },
      ],
    }),
  },
  settingsSchema,
  ...flatFileKind({
    location: s3LocationSchema,
    openStore: openS3Store,
    describeLocation: (location) => `s3://${location.bucket}/${location.prefix ?? ""}`,
  }),
  fromUrl: {
    protocol: "s3:",
    settings(url, { format, parse, credentialId, region, endpoint }) {
      if (!credentialId) throw new AppError("bad_request", "An s3:// import needs --credential <id-or-name> (an S3 or GCS HMAC key stored with `dealport credential add`)");
      return { format, parse, credentialId, location: { bucket: url.hostname, prefix: decodeURIComponent(url.pathname.replace(/^\//, "")), region, endpoint } };
    },
  },
};

async function openS3Store(source: StoredSource, location: S3Location) {
  if (!source.credentialId) throw new AppError("bad_request", `Source "${source.name}" has no S3 credential; choose one in Settings → Sources`);
  const credential = await readCredentialSecret(source.credentialId, ["s3", "gcs_hmac"]);
  // The endpoint receives the credential: apply the same SSRF policy as "test connection".
  const policy = await loadEndpointPolicy();
  // The key pair goes to its credential's endpoint only; the source's own endpoint field must be that one.
  const allowed = endpointForCredential(credential, location.endpoint, `Source "${source.name}": S3 endpoint`);
  const endpoint = allowed === undefined ? undefined : parseEndpointUrl(allowed, policy, "S3 endpoint");
  return openS3FileStore({ ...location, endpoint }, credential.secret, checkedTransport(policy));
}

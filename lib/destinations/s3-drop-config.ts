// The bucket settings every S3-drop destination shares (Jointflows, Dreamdata): schema
// fields, their form fields and their summary line. No server imports: forms read it too.
import { z } from "zod";
import { optionalText } from "./mapping-lines";
import type { FormField } from "./types";

/** Bucket settings, spread into each destination's config schema. */
export const s3DropConfigFields = {
  /** Empty: AWS S3 for the region. Any S3-compatible endpoint otherwise (path-style addressing). */
  endpoint: optionalText(2048).pipe(z.url({ protocol: /^https?$/ }).optional()),
  region: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[a-z0-9-]+$/, "region looks like us-east-1").default("us-east-1")),
  bucket: z.string().trim().min(3, "bucket is required").max(63),
  /** Folder inside the bucket, e.g. "dealport/". */
  prefix: z.preprocess((v) => (typeof v === "string" ? v.trim().replace(/^\/+/, "") : v), z.string().max(500).default("")),
};

export type S3DropConfig = { endpoint?: string; region: string; bucket: string; prefix: string };

/** The form fields for `s3DropConfigFields`, in order. */
export function s3DropFormFields({ endpointLabel, folderPlaceholder }: { endpointLabel: string; folderPlaceholder: string }): FormField[] {
  return [
    { name: "endpoint", label: endpointLabel, kind: "text", wide: true },
    { name: "region", label: "Region", kind: "text" },
    { name: "bucket", label: "Bucket", kind: "text", required: true },
    { name: "prefix", label: "Folder", kind: "text", placeholder: folderPlaceholder },
  ];
}

/** The prefix as a folder: "" or ending in "/". */
export function dropFolder(prefix: string) {
  return prefix && !prefix.endsWith("/") ? `${prefix}/` : prefix;
}

/** Where the files go, as one line: "s3://bucket/folder/ at https://… ". */
export function dropLocation(config: S3DropConfig) {
  return `Writes to s3://${config.bucket}/${dropFolder(config.prefix)} at ${config.endpoint ?? `AWS S3 (${config.region})`}`;
}

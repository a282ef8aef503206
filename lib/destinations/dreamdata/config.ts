// What an admin configures for the Dreamdata export: the bucket Dreamdata reads its full
// dump from. GCS is reached through its S3 interoperability endpoint
// (https://storage.googleapis.com) with an HMAC key; any S3 bucket works with a key pair.
import { z } from "zod";
import { s3DropConfigFields } from "../s3-drop";

export const dreamdataConfigSchema = z.object({ ...s3DropConfigFields });

export type DreamdataConfig = z.output<typeof dreamdataConfigSchema>;

/** The dump's file name under the prefix: gzipped NDJSON is Dreamdata's own transport. */
export const STAGE_OBJECTS_FILE = "stage-objects.ndjson.gz";

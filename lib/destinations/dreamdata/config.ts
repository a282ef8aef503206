// What an admin configures for the Dreamdata export: the bucket Dreamdata reads its full
// dump from. GCS is reached through its S3 interoperability endpoint
// (https://storage.googleapis.com) with an HMAC key; any S3 bucket works with a key pair.
import { z } from "zod";
import { s3DropConfigFields } from "../s3-drop-config";

const DEFAULT_CLOSED_STAGES = "Closed Won, Closed Lost";

export const dreamdataConfigSchema = z.object({
  ...s3DropConfigFields,
  /**
   * The deal stages that mean the deal is closed, comma-separated: only those deals get a
   * closed_date (a stage object's closed_date says it closed; an open deal's expected
   * close date is not one).
   */
  closedStages: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().max(1000, "Closed stages must be at most 1000 characters").default(DEFAULT_CLOSED_STAGES),
  ),
});

export type DreamdataConfig = z.output<typeof dreamdataConfigSchema>;

/** The dump's file name under the prefix: gzipped NDJSON is Dreamdata's own transport. */
export const STAGE_OBJECTS_FILE = "stage-objects.ndjson.gz";

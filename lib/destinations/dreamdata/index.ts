// Dreamdata: stage objects as a gzipped NDJSON full dump in an S3 or GCS (interoperability) bucket.
// Spec: docs/contracts/dreamdata-stage-objects.md and docs/contracts/push-rules.md.
import "server-only";
import type { CredentialSecretOf } from "@/lib/credentials/kinds";
import { probeS3 } from "@/lib/credentials/probes/probe-s3";
import type { SnapshotDestination } from "../types";
import { dreamdataConfigSchema, type DreamdataConfig } from "./config";
import { dreamdataForm } from "./form";
import { planDreamdataStageObject, type DreamdataLookups, type DreamdataStageObject } from "./plan-stage-object";
import { writeDreamdataDump } from "./write-dump";

type Secret = CredentialSecretOf<"s3" | "gcs_hmac">;

export const dreamdataDestination: SnapshotDestination<DreamdataConfig, Secret, DreamdataLookups, DreamdataStageObject> = {
  kind: "dreamdata",
  label: "Dreamdata",
  credentialKind: ["gcs_hmac", "s3"],
  delivery: "snapshot",
  configSchema: dreamdataConfigSchema,
  form: dreamdataForm,

  configuredEndpoint: (config) => config.endpoint,
  async testConnection({ config, secret, transport, endpoint }) {
    const result = await probeS3({ endpoint, region: config.region, bucket: config.bucket, credentials: secret, transport });
    return { ok: result.ok, message: result.message };
  },

  lookup: async () => ({}),
  plan: planDreamdataStageObject,
  snapshotKey: (payload) => payload.id,
  pushSnapshot: (payloads, { config, secret, transport, endpoint }) => writeDreamdataDump(payloads, { ...config, endpoint }, secret, transport),
};

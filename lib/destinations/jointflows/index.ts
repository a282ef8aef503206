// Jointflows: deals.csv / accounts.csv / contacts.csv written to the configured S3 drop.
// Spec: docs/contracts/jointflows-flat-files.md and docs/contracts/push-rules.md.
import "server-only";
import type { CredentialSecretOf } from "@/lib/credentials/kinds";
import { probeS3 } from "@/lib/credentials/probes/probe-s3";
import type { SnapshotDestination } from "../types";
import { jointflowsConfigSchema, type JointflowsConfig } from "./config";
import { jointflowsForm } from "./form";
import { planJointflowsRows, type JointflowsLookups, type JointflowsPayload } from "./plan-rows";
import { writeJointflowsDrop } from "./write-drop";

type Secret = CredentialSecretOf<"s3">;

export const jointflowsDestination: SnapshotDestination<JointflowsConfig, Secret, JointflowsLookups, JointflowsPayload> = {
  kind: "jointflows",
  label: "Jointflows",
  credentialKind: "s3",
  delivery: "snapshot",
  configSchema: jointflowsConfigSchema,
  form: jointflowsForm,

  configuredEndpoint: (config) => config.endpoint,
  async testConnection({ config, secret, transport, endpoint }) {
    const result = await probeS3({ endpoint, region: config.region, bucket: config.bucket, credentials: secret, transport });
    return { ok: result.ok, message: result.message };
  },

  lookup: async () => ({}),
  plan: planJointflowsRows,
  snapshotKey: (payload) => payload.deal.deal_unique_id,
  pushSnapshot: (payloads, { config, secret, transport, endpoint }) => writeJointflowsDrop(payloads, { ...config, endpoint }, secret, transport),
};

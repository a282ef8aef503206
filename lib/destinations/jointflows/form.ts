// The Jointflows settings form, its push option (the project type) and how its stored
// settings read (no server imports).
import { dropLocation, s3DropFormFields } from "../s3-drop-config";
import type { DestinationForm } from "../types";
import type { JointflowsConfig } from "./config";

export const jointflowsForm: DestinationForm<JointflowsConfig> = {
  description: "S3 flat-file drop",
  fields: [
    ...s3DropFormFields({ endpointLabel: "S3 endpoint (empty: AWS)", folderPlaceholder: "jointflows/" }),
    { name: "platformCurrency", label: "Platform currency", kind: "text", placeholder: "base currency" },
    { name: "defaultProjectType", label: "Default project type", kind: "text" },
  ],
  runOptions: [{ name: "projectType", label: "Project type", kind: "text", help: "The Jointflows playbook; empty: the destination's default project type" }],
  summary: (c) => [dropLocation(c), `Platform currency: ${c.platformCurrency ?? "the base currency"}; default project type: ${c.defaultProjectType ?? "none"}`],
};

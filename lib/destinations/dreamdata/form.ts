// The Dreamdata settings form and how its stored settings read (no server imports).
import { dropLocation, s3DropFormFields } from "../s3-drop-config";
import type { DestinationForm } from "../types";
import type { DreamdataConfig } from "./config";

export const dreamdataForm: DestinationForm<DreamdataConfig> = {
  description: "stage objects, GCS or S3 full dump",
  fields: [
    ...s3DropFormFields({ endpointLabel: "S3 endpoint (GCS: https://storage.googleapis.com; empty: AWS)", folderPlaceholder: "dreamdata/" }),
    { name: "closedStages", label: "Closed stages (they get a closed_date)", kind: "text", wide: true },
  ],
  summary: (c) => [dropLocation(c), `Closed stages: ${c.closedStages}`],
};

// The Pipeliner settings form and how its stored settings read (no server imports).
import { mappedCount } from "../mapping-lines";
import type { DestinationForm } from "../types";
import type { PipelinerConfig } from "./config";

export const pipelinerForm: DestinationForm<PipelinerConfig> = {
  description: "opportunities",
  fields: [
    { name: "defaultPipeline", label: "Default pipeline", kind: "text" },
    { name: "defaultOwner", label: "Default owner e-mail", kind: "text" },
    { name: "stages", label: "Stage → step mapping", kind: "mapping", help: "Deal stage = Pipeliner step (must exist; unmapped: the step of the same name, else the first step)" },
    { name: "pipelines", label: "Pipeline mapping", kind: "mapping", help: "Deal pipeline = Pipeliner pipeline" },
    { name: "owners", label: "Owner mapping", kind: "mapping", help: "Deal owner e-mail = Pipeliner user e-mail" },
    { name: "matchField", label: "Account field holding the Pipeliner account id", kind: "text", help: 'Matching rule 2: "externalId", "properties.<column>" or "none"' },
    { name: "requestsPerSecond", label: "Requests per second", kind: "number", help: "Pipeliner documents no limit; stay gentle" },
    { name: "maxConcurrent", label: "Parallel requests", kind: "number" },
  ],
  summary: (c) => [
    `Mapped: ${mappedCount(c.stages, "stage")}, ${mappedCount(c.pipelines, "pipeline")}, ${mappedCount(c.owners, "owner")}`,
    `Default pipeline: ${c.defaultPipeline ?? "none"}; default owner: ${c.defaultOwner ?? "none"}`,
    `Accounts match on: ${c.matchField}; at most ${c.requestsPerSecond} requests per second, ${c.maxConcurrent} at once`,
  ],
};

// The ChartMogul settings form and how its stored settings read (no server imports).
import { mappedCount } from "../mapping-lines";
import type { DestinationForm } from "../types";
import { encodeStageRule, OPPORTUNITY_TYPES, type ChartMogulConfig, type ChartMogulStageRule } from "./config";

const MATCH_FIELD_HELP = 'Matching rule 2: "externalId", "properties.<column>" or "none"';

export const chartmogulForm: DestinationForm<ChartMogulConfig> = {
  description: "opportunities",
  fields: [
    { name: "apiUrl", label: "API URL", kind: "text", placeholder: "the credential's endpoint", help: "Empty: the credential's endpoint, the only place its key is sent", wide: true },
    { name: "defaultPipeline", label: "Default pipeline", kind: "text", placeholder: "New Business" },
    { name: "defaultOwner", label: "Default owner e-mail", kind: "text" },
    { name: "opportunityType", label: "Opportunity type", kind: "select", options: OPPORTUNITY_TYPES.map((t) => ({ value: t, label: t })) },
    { name: "stages", label: "Stage mapping", kind: "mapping", help: "Deal stage = ChartMogul stage | forecast category | win likelihood, e.g. Closed Won = Closed Won | won | 100" },
    { name: "pipelines", label: "Pipeline mapping", kind: "mapping", help: "Deal pipeline = ChartMogul pipeline (unmapped pipelines are sent by name)" },
    { name: "owners", label: "Owner mapping", kind: "mapping", help: "Deal owner e-mail = ChartMogul user e-mail (a CRM seat)" },
    { name: "crmUsers", label: "CRM users", kind: "lines", help: "E-mails of ChartMogul users with a CRM seat; other owners fall back to the default owner" },
    { name: "matchField", label: "Account field holding external_id", kind: "text", help: MATCH_FIELD_HELP },
    { name: "requestsPerSecond", label: "Requests per second", kind: "number", help: "ChartMogul allows 40 per second per account" },
    { name: "maxConcurrent", label: "Parallel requests", kind: "number", help: "ChartMogul answers 503 beyond 20" },
  ],
  mappingText: { stages: (rule) => encodeStageRule(rule as ChartMogulStageRule) },
  summary: (c) => [
    `Mapped: ${mappedCount(c.stages, "stage")}, ${mappedCount(c.pipelines, "pipeline")}, ${mappedCount(c.owners, "owner")}; CRM users listed: ${c.crmUsers.length}`,
    `Sends ${c.opportunityType} opportunities; default pipeline: ${c.defaultPipeline ?? "none"}; default owner: ${c.defaultOwner ?? "none"}`,
    `Accounts match on: ${c.matchField}; at most ${c.requestsPerSecond} requests per second, ${c.maxConcurrent} at once`,
  ],
};

// What an admin configures for a Pipeliner destination (service URL, space and API user are the credential).
import { z } from "zod";
import { matchFieldOption } from "@/lib/matching/match-config";
import { mappingField, numberField, optionalText } from "../mapping-lines";

export const pipelinerConfigSchema = z.object({
  /** Pipeliner documents no rate limit; be gentle by default. */
  requestsPerSecond: numberField(0.1, 100, 10),
  maxConcurrent: numberField(1, 20, 4),
  /** Deal pipeline → Pipeliner pipeline name; unmapped pipelines are looked up by their own name. */
  pipelines: mappingField(z.string().min(1).max(200)),
  defaultPipeline: optionalText(),
  /**
   * Deal stage → step name; a mapped step the pipeline lacks can't be sent. Unmapped:
   * the step of the same name, else the pipeline's first step (the seed's default).
   */
  stages: mappingField(z.string().min(1).max(200)),
  /** Deal owner e-mail → Pipeliner user e-mail. */
  owners: mappingField(z.email()),
  defaultOwner: optionalText().pipe(z.email().optional()),
  /** The account field that holds the Pipeliner account id (matching rule 2); "none" by default. */
  matchField: matchFieldOption("none"),
});

export type PipelinerConfig = z.output<typeof pipelinerConfigSchema>;

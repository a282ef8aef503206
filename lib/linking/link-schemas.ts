// The inputs of linking, shared by deals and accounts: the form, the server action, the API and the CLI parse these.
import { z } from "zod";

/** "Records of these two sources are the same when these fields hold the same value." */
export const linkRuleSchema = z
  .object({
    sourceId: z.string().min(1).max(64),
    field: z.string().trim().min(1).max(200),
    otherSourceId: z.string().min(1).max(64),
    otherField: z.string().trim().min(1).max(200),
  })
  .refine((r) => r.sourceId !== r.otherSourceId, { message: "a rule links two different sources", path: ["otherSourceId"] });
export type LinkRuleInput = z.input<typeof linkRuleSchema>;

export const linkDecisionSchema = z.enum(["confirm", "dismiss"]);
export type LinkDecision = z.infer<typeof linkDecisionSchema>;
/** The API's body (the suggestion is in the path); the form sends the suggestion's id too. */
export const linkDecisionBodySchema = z.object({ decision: linkDecisionSchema });
export const decideLinkSuggestionSchema = linkDecisionBodySchema.extend({ suggestionId: z.string().min(1).max(64) });

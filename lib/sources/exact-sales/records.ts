// zod schemas of what the Exact Sales API answers: the OData page envelope and one
// schema per entity set. Records are loose objects: fields we do not know are kept
// (they end up in properties), fields we rely on are typed. Dates stay text here and
// are read by the mapping, which can say which record and field a bad one was.
import { z } from "zod";

/** Exact ids are integers (Kondado types them float); integrations sometimes send them as strings. */
export const exactIdSchema = z.union([
  z.number().int("must be a whole number").positive("must be positive"),
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number),
]);

const text = z.string().nullish();
const refSchema = z.looseObject({ id: exactIdSchema.nullish(), value: text });
const userRefSchema = z.looseObject({ id: exactIdSchema.nullish(), name: text, lastName: text, email: text, active: z.boolean().nullish() });

export const odataPageSchema = z.looseObject({
  value: z.array(z.unknown(), { error: "must be an array of records" }),
  "@odata.nextLink": z.string().optional(),
  "@odata.count": z.number().int().nonnegative().optional(),
});

export const funnelSchema = z.looseObject({ id: exactIdSchema, value: z.string().min(1, "is empty"), active: z.boolean().nullish() });

export const stageSchema = z.looseObject({
  id: exactIdSchema,
  value: z.string().min(1, "is empty"),
  funnelId: exactIdSchema,
  position: z.number().int("must be a whole number"),
  active: z.boolean().nullish(),
  gateType: z.number().nullish(),
});

export const salesRepSchema = z.looseObject({
  id: exactIdSchema,
  name: text,
  lastName: text,
  email: text,
  active: z.boolean().nullish(),
});

export const customFieldSchema = z.looseObject({ id: z.string().min(1, "is empty"), value: text, type: text });

export const leadSchema = z.looseObject({
  id: exactIdSchema,
  lead: text,
  funnelId: exactIdSchema.nullish(),
  stage: text,
  salesRep: userRefSchema.nullish(),
  sdr: userRefSchema.nullish(),
  industry: refSchema.nullish(),
  source: refSchema.nullish(),
  subSource: refSchema.nullish(),
  website: text,
  description: text,
  // Kondado types the CNPJ as a float; the API sends formatted text.
  cnpj: z.union([z.string(), z.number()]).nullish(),
  closingForecastDate: text,
  registerDate: text,
  updateDate: z.string({ error: "is required (the incremental pull keys on it)" }),
});

export const personSchema = z.looseObject({
  id: exactIdSchema,
  leadId: exactIdSchema,
  name: text,
  email: text,
  jobTitle: text,
  phone1: text,
  phone2: text,
  mainContact: z.boolean().nullish(),
});

export const leadSoldSchema = z.looseObject({
  id: exactIdSchema,
  leadId: exactIdSchema,
  saleDate: text,
  saleStage: text,
  totalDealValue: z.union([z.number(), z.string()]).nullish(),
  products: z.array(z.looseObject({})).nullish(),
});

export const lostSchema = z.looseObject({
  leadId: exactIdSchema,
  funnelId: exactIdSchema.nullish(),
  stage: text,
  reason: text,
  date: text,
});

export const leadCustomFieldValueSchema = z.looseObject({
  leadId: exactIdSchema,
  id: z.string().min(1, "is empty"),
  value: z.union([z.string(), z.number(), z.boolean()]).nullable(),
});

export type ExactFunnelRecord = z.output<typeof funnelSchema>;
export type ExactStageRecord = z.output<typeof stageSchema>;
export type ExactSalesRepRecord = z.output<typeof salesRepSchema>;
export type ExactCustomFieldRecord = z.output<typeof customFieldSchema>;
export type ExactLeadRecord = z.output<typeof leadSchema>;
export type ExactPersonRecord = z.output<typeof personSchema>;
export type ExactLeadSoldRecord = z.output<typeof leadSoldSchema>;
export type ExactLostRecord = z.output<typeof lostSchema>;
export type ExactLeadCustomFieldValueRecord = z.output<typeof leadCustomFieldValueSchema>;

/** The entity sets a pull reads, with the schema each record must satisfy. */
export const EXACT_ENTITY_SETS = {
  Funnels: funnelSchema,
  Stages: stageSchema,
  SalesReps: salesRepSchema,
  CustomFields: customFieldSchema,
  Leads: leadSchema,
  Persons: personSchema,
  LeadsSold: leadSoldSchema,
  Losts: lostSchema,
  LeadsCustomFields: leadCustomFieldValueSchema,
} as const;

export type ExactEntitySet = keyof typeof EXACT_ENTITY_SETS;

/**
 * The $orderby each table is paged in, so a record cannot slip between two pages. Tables
 * with a unique id page by it; campos customizados has none (its `id` is the field key),
 * so by the (leadId, id) pair; Leads Descartados has no key at all (seed: lead_id,
 * funnel_id, reason, stage, date), so it is listed in the API's own order (null) and the
 * client drops repeats.
 */
export const EXACT_PAGE_ORDER: Record<ExactEntitySet, string | null> = {
  Funnels: "id asc",
  Stages: "id asc",
  SalesReps: "id asc",
  CustomFields: "id asc",
  Leads: "id asc",
  Persons: "id asc",
  LeadsSold: "id asc",
  Losts: null,
  LeadsCustomFields: "leadId asc, id asc",
};
export type ExactRecordOf<Set extends ExactEntitySet> = z.output<(typeof EXACT_ENTITY_SETS)[Set]>;

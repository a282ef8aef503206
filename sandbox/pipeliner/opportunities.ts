// Opportunity create/update validation with Pipeliner's rules (required name,
// owner_id, step_id, closing_date, value; exactly one primary account and
// contact relation) and its 422 ERROR_ENTITY_VALIDATION body.
import { createHash, randomUUID } from "node:crypto";
import type { OpportunityValue, PipelinerRecord, PipelinerStore } from "./store";

const REQUIRED_FIELDS = ["name", "owner_id", "step_id", "closing_date", "value"] as const;

type FieldProblem = { field: string; missing: boolean; message: string };

export type CheckedOpportunity = { fields: Record<string, unknown> } | { problems: FieldProblem[]; entityId: string };

/**
 * Checks a create (`existing` null) or a partial update, collecting every
 * problem as Pipeliner does, and returns the fields to store.
 */
export function checkOpportunity(store: PipelinerStore, body: Record<string, unknown>, existing: PipelinerRecord | null): CheckedOpportunity {
  const entityId = existing?.id ?? randomUUID();
  const problems: FieldProblem[] = [];
  const fields: Record<string, unknown> = {};
  const has = (field: string) => body[field] !== undefined;
  const missing = (field: string) => problems.push({ field, missing: true, message: `Non-null field 'Opportunity'[${entityId}].${field}' is null or empty.` });
  const invalid = (field: string, message: string) => problems.push({ field, missing: false, message });

  for (const field of REQUIRED_FIELDS) {
    const value = body[field];
    if ((existing ? has(field) : true) && (value === undefined || value === null || value === "")) missing(field);
  }

  if (has("name") && body.name) {
    if (typeof body.name !== "string") invalid("name", "Field 'name' must be a string.");
    else fields.name = body.name;
  }
  if (has("owner_id") && body.owner_id) {
    const owner = store.live("Clients", body.owner_id);
    if (!owner) invalid("owner_id", `Client '${String(body.owner_id)}' does not exist.`);
    else {
      fields.owner_id = owner.id;
      // Without unit_id, Pipeliner uses the owner's default sales unit.
      if (!has("unit_id") && !existing) fields.unit_id = owner.default_unit_id;
    }
  }
  if (has("unit_id")) {
    if (!store.live("SalesUnits", body.unit_id)) invalid("unit_id", `SalesUnit '${String(body.unit_id)}' does not exist.`);
    else fields.unit_id = body.unit_id;
  }
  if (has("step_id") && body.step_id) {
    const step = store.live("Steps", body.step_id);
    if (!step) invalid("step_id", `Step '${String(body.step_id)}' does not exist.`);
    else {
      fields.step_id = step.id;
      fields.pipeline_id = step.pipeline_id;
    }
  }
  if (has("closing_date") && body.closing_date) {
    if (!isIsoDate(body.closing_date)) invalid("closing_date", `Invalid date '${String(body.closing_date)}', expected format YYYY-MM-DD.`);
    else fields.closing_date = body.closing_date;
  }
  if (has("value") && body.value) {
    const value = checkValue(store, body.value);
    if (typeof value === "string") invalid("value", value);
    else fields.value = value;
  }
  for (const [field, idField, entity] of [
    ["account_relations", "account_id", "Accounts"],
    ["contact_relations", "contact_id", "Contacts"],
  ] as const) {
    if (!has(field)) continue;
    const relations = checkRelations(store, body[field], field, idField, entity);
    if (typeof relations === "string") invalid(field, relations);
    else fields[field] = relations;
  }
  if (has("description")) fields.description = body.description;
  if (has("ranking")) {
    if (!Number.isInteger(body.ranking)) invalid("ranking", "Field 'ranking' must be an integer.");
    else fields.ranking = body.ranking;
  }

  return problems.length > 0 ? { problems, entityId } : { fields };
}

/** Either amount may be left out: Pipeliner derives it from the other through the exchange rate. */
function checkValue(store: PipelinerStore, raw: unknown): OpportunityValue | string {
  if (typeof raw !== "object" || raw === null) return "Field 'value' must be an object {base_value, currency_id, value_foreign}.";
  const value = raw as Record<string, unknown>;
  const currency = store.live("Currencies", value.currency_id);
  if (!currency) return `Currency '${String(value.currency_id)}' does not exist.`;
  const isAmount = (amount: unknown) => amount === undefined || amount === null || (typeof amount === "number" && Number.isFinite(amount));
  if (!isAmount(value.base_value) || !isAmount(value.value_foreign)) return "Fields 'base_value' and 'value_foreign' must be numbers.";
  const rate = currency.is_base ? 1 : store.exchangeRates[currency.code as string];
  if (rate === undefined) return `No exchange rate for currency '${String(currency.code)}'.`;
  const base = value.base_value as number | null | undefined;
  const foreign = value.value_foreign as number | null | undefined;
  if (base == null && foreign == null) return "One of 'base_value' or 'value_foreign' must be set.";
  // The seed: value_foreign is "for currency_id (Use only with multicurrency setup)".
  if (foreign != null && !store.isMultiCurrency()) return "Field 'value_foreign' is only used with a multi-currency setup; send 'base_value'.";
  // The seed: define one, and Pipeliner calculates the other from its exchange rates;
  // both are accepted only when they agree at those rates.
  if (base != null && foreign != null && Math.abs(round2(base * rate) - foreign) > 0.01) {
    return `Fields 'base_value' (${base}) and 'value_foreign' (${foreign}) disagree at the exchange rate ${rate} for '${String(currency.code)}'.`;
  }
  return {
    base_value: base ?? round2(foreign! / rate),
    currency_id: currency.id,
    value_foreign: foreign ?? round2(base! * rate),
  };
}

function checkRelations(store: PipelinerStore, raw: unknown, field: string, idField: string, entity: "Accounts" | "Contacts") {
  if (!Array.isArray(raw)) return `Field '${field}' must be an array.`;
  const relations: Record<string, unknown>[] = [];
  for (const item of raw) {
    if (typeof item !== "object" || item === null) return `Items of '${field}' must be objects.`;
    const target = store.live(entity, item[idField]);
    if (!target) return `${entity.slice(0, -1)} '${String(item[idField])}' in '${field}' does not exist.`;
    relations.push({ id: randomUUID(), [idField]: target.id, is_primary: item.is_primary === true });
  }
  // Pipeliner's documented error text (docs/contracts/pipeliner.md).
  if (relations.length > 0 && relations.filter((relation) => relation.is_primary).length !== 1) {
    return `Error on field ${field}. Exactly one 'is_primary' item must be set.`;
  }
  return relations;
}

export function entityValidationError(problems: FieldProblem[], entityId: string) {
  const fieldId = (field: string) => {
    const hex = createHash("sha1").update(`Opportunity.${field}`).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  };
  const fields = [...new Set(problems.map((problem) => problem.field))];
  return {
    code: 40000,
    name: "ERROR_ENTITY_VALIDATION",
    // Like the recorded responses: every problem on its own line, after a leading newline.
    message: `\n${problems.map((problem) => problem.message).join("\n")}`,
    entity_id: entityId,
    entity_name: "Opportunity",
    entity_errors: [],
    field_errors: fields.map((field) => ({
      field_id: fieldId(field),
      field_name: field,
      name: "ERROR_FIELD_VALIDATION",
      code: 40002,
      errors: problems
        .filter((problem) => problem.field === field)
        .map((problem) => ({
          code: problem.missing ? 119 : 117,
          name: problem.missing ? "ERROR_PARAMETER_MISSING" : "ERROR_PARAMETER_INVALID",
          message: problem.message,
          field_id: fieldId(field),
          field_name: field,
        })),
    })),
    step_checklist_errors: [],
    entity_index: null,
    http_status: 422,
    success: false,
  };
}

const round2 = (amount: number) => Math.round(amount * 100) / 100;

function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

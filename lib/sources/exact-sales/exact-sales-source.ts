// Exact Sales as a source kind (its registry line in ../registry.ts): the settings form,
// how a saved source is shown, the reader of its import runs and its connection test.
import "server-only";
import { TEST_TIMEOUT_MS, testFailureMessage } from "../test-failure-message";
import { toFormValues } from "../source-form";
import type { SourceKindModule, StoredSource } from "../source-kind";
import { EXACT_SALES_DEFAULT_BASE_URL, exactSalesConfigSchema } from "./config";
import { exactSalesReaderFor, openExactSalesApi } from "./exact-sales-reader-for";
import { EXACT_SALES_FIELD_MAP } from "./map-exact-sales";
import { exactSalesSettingsSchema, type ExactSalesSettings } from "./schemas";
import { updateWindowFor } from "./update-window";

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
const incremental = { name: "config.mode", equals: "incremental" };

export const exactSalesSource: SourceKindModule<ExactSalesSettings> = {
  form: {
    kind: "exact_sales",
    label: "Exact Sales (CRM pull)",
    groups: [
      {
        legend: "Exact Sales API",
        fields: [
          { type: "credential", name: "credentialId", label: "Token (credential)", credentialKinds: ["exact_sales"], required: true, flag: "credential", hint: "Exact Sales → Settings → Integrations → Token Exact Api, stored as an “Exact Sales token”" },
          { type: "url", name: "config.baseUrl", label: "Base URL", defaultValue: EXACT_SALES_DEFAULT_BASE_URL, className: "w-80", flag: "base-url", hint: "The public API, or the sandbox in the demo" },
          {
            type: "select",
            name: "config.mode",
            label: "Mode",
            flag: "mode",
            defaultValue: "full",
            className: "min-w-72",
            options: [
              { value: "full", label: "Full (Integral): a snapshot" },
              { value: "incremental", label: "Incremental with update window" },
            ],
          },
          { type: "date", name: "savepoint", label: "Savepoint", flag: "savepoint", showWhen: incremental, hint: "Blank: keep the current one (first pull: every lead)" },
          { type: "number", name: "config.pastWindowDays", label: "Past window (days)", min: 0, max: 3650, defaultValue: "1", className: "w-32", flag: "past-days", showWhen: incremental },
          { type: "number", name: "config.futureWindowDays", label: "Future window (days)", min: 0, max: 3650, defaultValue: "30", className: "w-32", flag: "future-days", showWhen: incremental },
        ],
      },
      {
        legend: "Amounts",
        fields: [
          { type: "text", name: "config.currency", label: "Currency", defaultValue: "BRL", maxLength: 3, className: "w-24", flag: "currency" },
          {
            type: "text",
            name: "config.amountCustomField",
            label: "Amount of open leads from custom field",
            placeholder: "_valorestimado",
            className: "w-56",
            flag: "amount-field",
            hint: "Open leads have no value in Exact Sales until sold; name a custom field (campos customizados) holding an estimate. Blank: none",
          },
          { type: "text", name: "config.amountCurrency", label: "Amount currency", placeholder: "same as above", maxLength: 3, className: "w-32", flag: "amount-currency" },
        ],
      },
      {
        // The limit no vendor document confirms (./config.ts): on the form so an edit keeps an account's own.
        legend: "Rate limit (per token)",
        fields: [
          { type: "number", name: "config.rateLimitRequests", label: "Requests", min: 1, max: 10_000, defaultValue: "30", className: "w-32", flag: "rate-limit-requests" },
          { type: "number", name: "config.rateLimitWindowSeconds", label: "Per (seconds)", min: 1, max: 3600, defaultValue: "20", className: "w-32", flag: "rate-limit-seconds" },
        ],
      },
    ],
    fieldMap: { title: "How Exact Sales maps into Dealport", rows: EXACT_SALES_FIELD_MAP.map((row) => ({ from: row.exact, to: row.dealport, note: row.note })) },
  },
  settingsSchema: exactSalesSettingsSchema,
  // Leads have no value until sold; the Amounts settings read one from a custom field.
  missingAmountHint: "map a custom field under Settings → Sources",
  toRow: async ({ credentialId, config, savepoint }) => ({ format: null, credentialId, config, ...(savepoint ? { savepoint } : {}) }),
  // The savepoint is left blank: saving the form keeps it unless a new date is typed.
  formValues: (source) => toFormValues({ credentialId: source.credentialId, config: source.config as object }),
  describe(source: StoredSource) {
    const parsed = exactSalesConfigSchema.safeParse(source.config ?? {});
    if (!parsed.success) return { location: "Exact Sales", details: [{ label: "Settings", value: "no longer valid: save them again" }] };
    const config = parsed.data;
    const window = config.mode === "incremental" ? updateWindowFor(source.savepoint, config) : null;
    return {
      location: config.baseUrl ?? EXACT_SALES_DEFAULT_BASE_URL,
      details: [
        { label: "Mode", value: config.mode === "full" ? "Full pull (snapshot)" : "Incremental with update window" },
        { label: "Savepoint", value: source.savepoint ? utc(source.savepoint) : "none yet (the first pull reads every lead)" },
        ...(window ? [{ label: "Next window", value: `updateDate from ${utc(window.from)} to ${utc(window.to)}` }] : []),
      ],
    };
  },
  // Built once the run holds the source's lock, so the savepoint it reads is the one this run may move.
  openReader: async (source) => ({ reader: await exactSalesReaderFor(source.id), close: () => {} }),
  async testConnection(source) {
    let location: string | null = null;
    try {
      const { baseUrl, createClient } = await openExactSalesApi(source, { maxAttempts: 1 });
      location = baseUrl;
      const funnels = await createClient(AbortSignal.timeout(TEST_TIMEOUT_MS)).getPage("Funnels", {}, 0);
      return { ok: true, message: `Connected to Exact Sales at ${baseUrl}: the token was accepted (${funnels.records.length} funnels)`, location, files: [], missing: [] };
    } catch (error) {
      return { ok: false, message: testFailureMessage(error, "Could not reach Exact Sales"), location, files: [], missing: [] };
    }
  },
};

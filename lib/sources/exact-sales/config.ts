// What an Exact Sales source is configured with (Settings → Sources, CLI, API): one
// zod schema so every entry point validates it the same way. The token is not here:
// it lives in an encrypted exact_sales credential referenced by Source.credentialId.
import { z } from "zod";
import { activeCurrencyCodeSchema } from "@/lib/currency/currency-code";

export const EXACT_SALES_DEFAULT_BASE_URL = "https://api.exactspotter.com/v3";

/** "full" is Kondado's "Integral" (a snapshot); "incremental" re-reads an updateDate window around the savepoint. */
export const EXACT_SALES_PULL_MODES = ["full", "incremental"] as const;
export type ExactSalesPullMode = (typeof EXACT_SALES_PULL_MODES)[number];

const MAX_WINDOW_DAYS = 3650;

const windowDays = (label: string, fallback: number) =>
  z.coerce
    .number({ error: `${label} must be a whole number of days` })
    .int(`${label} must be a whole number of days`)
    .min(0, `${label} cannot be negative`)
    .max(MAX_WINDOW_DAYS, `${label} must be at most ${MAX_WINDOW_DAYS} days`)
    .default(fallback);

export const exactSalesConfigSchema = z.object({
  baseUrl: z
    .string()
    .trim()
    .max(2048, "Base URL must be at most 2048 characters")
    .pipe(z.url({ protocol: /^https?$/, error: "Base URL must be an http(s) URL, e.g. https://api.exactspotter.com/v3" }))
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  mode: z.enum(EXACT_SALES_PULL_MODES, { error: "Mode must be full or incremental" }).default("full"),
  /** Kondado's "Janela de atualização do passado": days before the savepoint that are re-read. */
  pastWindowDays: windowDays("Past window", 1),
  /** Kondado's "Janela de atualização do futuro": days after the savepoint that are read. */
  futureWindowDays: windowDays("Future window", 30),
  /** Exact Sales has one account currency and sends bare numbers; Brazilian accounts sell in BRL. */
  currency: activeCurrencyCodeSchema.default("BRL"),
  /**
   * Open leads have no value in Exact's Leads table (only a sale has one), so a deal can't be
   * pushed with an amount until it is won. Accounts often keep an estimate in a custom field
   * (campos customizados): its id (e.g. `_valorestimado`) maps it to the deal's amount.
   */
  amountCustomField: z
    .string()
    .trim()
    .max(100, "Amount custom field must be at most 100 characters")
    .regex(/^[\w.-]+$/, "Amount custom field is a field id such as _valorestimado")
    .optional(),
  /** The currency of that custom field's values; default: the source's currency. */
  amountCurrency: activeCurrencyCodeSchema.optional(),
  /**
   * The unofficial limit is 30 requests per 20 s per token; it is configurable because no
   * vendor document confirms it (an account with a different limit changes only these).
   */
  rateLimitRequests: z.coerce.number().int().min(1, "Rate limit must allow at least 1 request").max(10_000).default(30),
  rateLimitWindowSeconds: z.coerce.number().int().min(1, "Rate limit window must be at least 1 second").max(3600).default(20),
});

export type ExactSalesConfig = z.output<typeof exactSalesConfigSchema>;
export type ExactSalesConfigInput = z.input<typeof exactSalesConfigSchema>;

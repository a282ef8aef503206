// ChartMogul opportunities (POST /v1/opportunities; PATCH for deals pushed before).
// Contract: docs/contracts/chartmogul.md.
import "server-only";
import type { CredentialSecretOf } from "@/lib/credentials/kinds";
import { DestinationError } from "../destination-error";
import type { Connection, DealForPush, FindResult, PerDealDestination } from "../types";
import { chartmogulConfigSchema, type ChartMogulConfig } from "./config";
import { customerKey, DEAL_ID_KEY, planChartMogulOpportunity, type ChartMogulLookups, type ChartMogulPayload } from "./plan-opportunity";

type Secret = CredentialSecretOf<"chartmogul">;
type Conn = Connection<ChartMogulConfig, Secret>;
type Page<T> = { entries: T[]; has_more: boolean; cursor: string | null };

/** Customer for an account: by external id (the account's id), then by e-mail (404 = no match). */
async function findCustomer(deal: DealForPush, conn: Conn): Promise<string | null> {
  const account = deal.account;
  if (!account) return null;
  return conn.memo(`customer:${customerKey(deal)}`, async () => {
    const http = conn.http!;
    const byId = await http.get(`/v1/customers?external_id=${encodeURIComponent(account.externalId)}`);
    const entries = (byId.body as Page<{ uuid: string }>).entries ?? [];
    if (entries.length) return entries[0].uuid;
    if (!account.email) return null;
    try {
      const byEmail = await http.get(`/v1/customers/search?email=${encodeURIComponent(account.email)}`);
      return (byEmail.body as Page<{ uuid: string }>).entries?.[0]?.uuid ?? null;
    } catch (err) {
      // Documented: no match is a 404, not an empty list.
      if (err instanceof DestinationError && err.status === 404) return null;
      throw err;
    }
  });
}

export const chartmogulDestination: PerDealDestination<ChartMogulConfig, Secret, ChartMogulLookups, ChartMogulPayload> = {
  kind: "chartmogul",
  label: "ChartMogul",
  credentialKind: "chartmogul",
  delivery: "per_deal",
  configSchema: chartmogulConfigSchema,

  configuredEndpoint: (config) => config.apiUrl,
  httpTarget: ({ config, secret, endpoint }) => ({
    baseUrl: endpoint,
    // Documented: the API key is the Basic username, the password empty.
    headers: { authorization: `Basic ${Buffer.from(`${secret.apiKey}:`).toString("base64")}` },
    requestsPerSecond: config.requestsPerSecond,
    maxConcurrent: config.maxConcurrent,
  }),

  async testConnection(conn) {
    await conn.http!.get("/v1/ping");
    return { ok: true, message: "Connected: ChartMogul accepted the API key" };
  },

  async lookup(deals, conn) {
    const customers: Record<string, string | null> = {};
    for (const deal of deals) if (deal.account) customers[customerKey(deal)] = await findCustomer(deal, conn);
    return { customers };
  },

  plan: planChartMogulOpportunity,

  async push(payload, conn) {
    const http = conn.http!;
    if (payload.operation === "update") {
      try {
        const updated = await http.request("PATCH", `/v1/opportunities/${encodeURIComponent(payload.uuid)}`, payload.body);
        return { externalId: (updated.body as { uuid: string }).uuid, action: "updated", response: excerpt(updated.body) };
      } catch (err) {
        // Deleted in ChartMogul since the last push: create it again rather than fail forever.
        if (!(err instanceof DestinationError && err.status === 404)) throw err;
      }
    }
    const created = await http.request("POST", "/v1/opportunities", payload.body);
    return { externalId: (created.body as { uuid: string }).uuid, action: "created", response: excerpt(created.body) };
  },

  /** Our deal id is in `custom`; the list can only be filtered by customer, so page through the customer's opportunities. */
  async find(deal, conn): Promise<FindResult> {
    const customer = await findCustomer(deal, conn);
    if (!customer) return { found: "none" };
    const matches: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/v1/opportunities?customer_uuid=${encodeURIComponent(customer)}&per_page=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = (await conn.http!.get(query)).body as Page<{ uuid: string; custom?: Record<string, unknown> }>;
      for (const entry of page.entries) if (entry.custom?.[DEAL_ID_KEY] === deal.id) matches.push(entry.uuid);
      cursor = page.has_more ? page.cursor : null;
    } while (cursor);
    if (matches.length === 0) return { found: "none" };
    return matches.length === 1 ? { found: "one", externalId: matches[0] } : { found: "many", externalIds: matches };
  },
};

function excerpt(body: unknown) {
  const b = body as Record<string, unknown> | null;
  return b ? { uuid: b.uuid, pipeline: b.pipeline, pipeline_stage: b.pipeline_stage, updated_at: b.updated_at } : null;
}

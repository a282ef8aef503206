// ChartMogul opportunities (POST /v1/opportunities; PATCH for deals pushed before).
// Contract: docs/contracts/chartmogul.md.
import "server-only";
import type { CredentialSecretOf } from "@/lib/credentials/kinds";
import type { MatchCandidate } from "@/lib/matching/match-account";
import { matchDealAccounts } from "@/lib/matching/match-deal-accounts";
import { DestinationError } from "../destination-error";
import type { Connection, DealForPush, FindResult, PerDealDestination } from "../types";
import { chartmogulConfigSchema, type ChartMogulConfig } from "./config";
import { chartmogulForm } from "./form";
import { chartmogulRecordUrl } from "./record-url";
import { DEAL_ID_KEY, planChartMogulOpportunity, type ChartMogulLookups, type ChartMogulPayload } from "./plan-opportunity";

type Secret = CredentialSecretOf<"chartmogul">;
type Conn = Connection<ChartMogulConfig, Secret>;
type Page<T> = { entries: T[]; has_more: boolean; cursor: string | null };
type Customer = { uuid: string; name?: string; company?: string; email?: string; website_url?: string; external_id?: string; external_ids?: string[] };

/** Every record of a cursor-paged list (200 a page, the documented maximum). */
async function listAll<T>(conn: Conn, path: string): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `${path}${path.includes("?") ? "&" : "?"}per_page=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page = (await conn.http!.get(query)).body as Page<T>;
    rows.push(...(page.entries ?? []));
    cursor = page.has_more ? page.cursor : null;
  } while (cursor);
  return rows;
}

/** The whole customer list, read once per run (memoised briefly), as matching candidates. */
function customerCandidates(conn: Conn): Promise<MatchCandidate[]> {
  return conn.memo("customers", async () =>
    (await listAll<Customer>(conn, "/v1/customers")).map((c) => ({
      id: c.uuid,
      name: c.company || c.name || c.uuid,
      externalIds: [...new Set([...(c.external_ids ?? []), ...(c.external_id ? [c.external_id] : [])])],
      emails: c.email ? [c.email] : [],
      websites: c.website_url ? [c.website_url] : [],
    })),
  );
}

async function matchCustomers(deals: DealForPush[], conn: Conn) {
  if (!deals.some((d) => d.account)) return {};
  return matchDealAccounts(deals, await customerCandidates(conn), conn.config.matchField);
}

export const chartmogulDestination: PerDealDestination<ChartMogulConfig, Secret, ChartMogulLookups, ChartMogulPayload> = {
  kind: "chartmogul",
  label: "ChartMogul",
  credentialKind: "chartmogul",
  delivery: "per_deal",
  configSchema: chartmogulConfigSchema,
  form: chartmogulForm,

  configuredEndpoint: (config) => config.apiUrl,
  httpTarget: ({ config, secret, endpoint }) => ({
    baseUrl: endpoint,
    // Documented: the API key is the Basic username, the password empty.
    headers: { authorization: `Basic ${Buffer.from(`${secret.apiKey}:`).toString("base64")}` },
    requestsPerSecond: config.requestsPerSecond,
    maxConcurrent: config.maxConcurrent,
  }),

  /**
   * The key must work (ping) and belong to a user with a CRM seat: the opportunity
   * endpoints refuse other keys, so ask one of them for a single entry.
   */
  async testConnection(conn) {
    await conn.http!.get("/v1/ping");
    try {
      await conn.http!.get("/v1/opportunities?per_page=1");
    } catch (err) {
      if (err instanceof DestinationError && (err.status === 403 || err.status === 401)) {
        return { ok: false, message: `ChartMogul accepted the API key, but its user has no CRM seat, which the Opportunities endpoints need (${err.message})` };
      }
      throw err;
    }
    return { ok: true, message: "Connected: ChartMogul accepted the API key, and its user has a CRM seat" };
  },

  async lookup(deals, conn) {
    return { customers: await matchCustomers(deals, conn) };
  },

  matching: {
    noun: "customer",
    candidates: customerCandidates,
    externalIdField: (config) => config.matchField,
  },

  plan: planChartMogulOpportunity,
  recordUrl: chartmogulRecordUrl,

  async push(payload, conn) {
    const http = conn.http!;
    if (payload.operation === "update") {
      try {
        const updated = await http.request("PATCH", `/v1/opportunities/${encodeURIComponent(payload.uuid)}`, payload.body);
        return { externalId: (updated.body as { uuid: string }).uuid, action: "updated", response: http.recordAnswer(updated) };
      } catch (err) {
        // Deleted in ChartMogul since the last push: create it again rather than fail forever.
        if (!(err instanceof DestinationError && err.status === 404)) throw err;
      }
    }
    const created = await http.request("POST", "/v1/opportunities", payload.body);
    return { externalId: (created.body as { uuid: string }).uuid, action: "created", response: http.recordAnswer(created) };
  },

  /** Our deal id is in `custom`; the list can only be filtered by customer, so page through the customer's opportunities. */
  async find(deal, conn): Promise<FindResult> {
    const match = deal.account ? (await matchCustomers([deal], conn))[deal.account.id] : undefined;
    if (match?.status !== "matched") return { found: "none" };
    const opportunities = await listAll<{ uuid: string; custom?: Record<string, unknown> }>(conn, `/v1/opportunities?customer_uuid=${encodeURIComponent(match.candidateId)}`);
    const matches = opportunities.filter((o) => o.custom?.[DEAL_ID_KEY] === deal.id).map((o) => o.uuid);
    if (matches.length === 0) return { found: "none" };
    return matches.length === 1 ? { found: "one", externalId: matches[0] } : { found: "many", externalIds: matches };
  },
};


// Pipeliner (Coevera) opportunities, following Pipeliner's documented create flow.
// Contract: docs/contracts/pipeliner.md.
import "server-only";
import type { CredentialSecretOf } from "@/lib/credentials/kinds";
import { DestinationError } from "../destination-error";
import type { Connection, FindResult, PerDealDestination } from "../types";
import { pipelinerConfigSchema, type PipelinerConfig } from "./config";
import { dealMarker, planPipelinerOpportunity, type PipelinerLookups, type PipelinerPayload } from "./plan-opportunity";

type Secret = CredentialSecretOf<"pipeliner">;
type Conn = Connection<PipelinerConfig, Secret>;
type Row = Record<string, unknown> & { id: string };
type ListPage = { data: Row[]; page_info?: { end_cursor: string | null; has_next_page: boolean } };

/** Every record of a list, following page_info cursors (100 per page, the documented maximum). */
async function listAll(conn: Conn, entity: string, query = ""): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  do {
    const path: string = `/entities/${entity}?first=100${query}${after ? `&after=${encodeURIComponent(after)}` : ""}`;
    const page = (await conn.http!.get(path)).body as ListPage;
    rows.push(...page.data);
    after = page.page_info?.has_next_page ? page.page_info.end_cursor : null;
  } while (after);
  return rows;
}

const filter = (field: string, value: string, op = "ieq") =>
  `&filter[${field}]=${encodeURIComponent(value)}&filter-op[${field}]=${op}`;

async function findAccount(conn: Conn, account: { id: string; name: string; email: string | null }) {
  return conn.memo(`account:${account.id}`, async () => {
    // Accounts have email1…email5, no `email`; Pipeliner's tutorial searches by e-mail first, then we fall back to the name.
    let matches = account.email ? await listAll(conn, "Accounts", filter("email1", account.email)) : [];
    if (!matches.length) matches = await listAll(conn, "Accounts", filter("name", account.name));
    if (matches.length > 1) return "many" as const;
    if (!matches.length) return null;
    const relations = await listAll(conn, "ContactAccountRelations", filter("account_id", matches[0].id, "eq"));
    return { id: matches[0].id, contacts: relations.map((r) => ({ contactId: String(r.contact_id), isPrimary: r.is_primary === true })) };
  });
}

export const pipelinerDestination: PerDealDestination<PipelinerConfig, Secret, PipelinerLookups, PipelinerPayload> = {
  kind: "pipeliner",
  label: "Pipeliner",
  credentialKind: "pipeliner",
  delivery: "per_deal",
  configSchema: pipelinerConfigSchema,

  httpTarget: ({ config, secret, endpoint }) => ({
    baseUrl: `${endpoint}/api/v100/rest/spaces/${encodeURIComponent(secret.spaceId)}`,
    headers: { authorization: `Basic ${Buffer.from(`${secret.username}:${secret.password}`).toString("base64")}` },
    requestsPerSecond: config.requestsPerSecond,
    maxConcurrent: config.maxConcurrent,
  }),

  async testConnection(conn) {
    await conn.http!.get("/entities/Clients?first=1&load-only=id");
    return { ok: true, message: "Connected: Pipeliner accepted the API user" };
  },

  async lookup(deals, conn) {
    const shared = await conn.memo("shared", async () => {
      const [clients, pipelines, currencies] = await Promise.all([
        listAll(conn, "Clients", "&load-only=id,email,default_unit_id"),
        listAll(conn, "Pipelines", "&expand=steps"),
        listAll(conn, "Currencies"),
      ]);
      return {
        owners: Object.fromEntries(clients.filter((c) => typeof c.email === "string").map((c) => [String(c.email).toLowerCase(), c.id])),
        pipelines: pipelines.map((p) => ({
          id: p.id,
          name: String(p.name),
          steps: ((p.steps as Row[] | undefined) ?? []).map((s) => ({ id: s.id, name: String(s.name), sortOrder: Number(s.sort_order ?? 0) })),
        })),
        currencies: currencies.map((c) => ({ id: c.id, code: String(c.code), isBase: c.is_base === true })),
      };
    });
    const accounts: PipelinerLookups["accounts"] = {};
    for (const deal of deals) if (deal.account) accounts[deal.account.id] = await findAccount(conn, deal.account);
    return { ...shared, accounts };
  },

  plan: planPipelinerOpportunity,

  async push(payload, conn) {
    const http = conn.http!;
    if (payload.operation === "update") {
      try {
        const updated = await http.request("PATCH", `/entities/Opportunities/${encodeURIComponent(payload.id)}`, payload.body);
        return { externalId: payload.id, action: "updated", response: excerpt(updated.body) };
      } catch (err) {
        if (!(err instanceof DestinationError && err.status === 404)) throw err;
      }
    }
    const created = await http.request("POST", "/entities/Opportunities", payload.body);
    const data = (created.body as { data: Row }).data;
    return { externalId: data.id, action: "created", response: excerpt(created.body) };
  },

  /** By name (the documented search), then our marker in the description. */
  async find(deal, conn): Promise<FindResult> {
    const candidates = await listAll(conn, "Opportunities", `${filter("name", deal.name, "eq")}&load-only=id,description`);
    const ours = candidates.filter((o) => typeof o.description === "string" && o.description.includes(dealMarker(deal))).map((o) => o.id);
    if (ours.length === 0) return { found: "none" };
    return ours.length === 1 ? { found: "one", externalId: ours[0] } : { found: "many", externalIds: ours };
  },
};

function excerpt(body: unknown) {
  const data = (body as { data?: Row } | null)?.data;
  return data ? { id: data.id, step_id: data.step_id, modified: data.modified, revision: data.revision } : null;
}

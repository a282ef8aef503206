// Pipeliner (Coevera) opportunities, following Pipeliner's documented create flow.
// Contract: docs/contracts/pipeliner.md.
import "server-only";
import type { CredentialSecretOf } from "@/lib/credentials/kinds";
import type { MatchCandidate } from "@/lib/matching/match-account";
import { matchDealAccounts } from "@/lib/matching/match-deal-accounts";
import { DestinationError } from "../destination-error";
import type { Connection, FindResult, PerDealDestination } from "../types";
import { pipelinerConfigSchema, type PipelinerConfig } from "./config";
import { pipelinerForm } from "./form";
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

const EMAIL_FIELDS = ["email1", "email2", "email3", "email4", "email5"];

/** Every account, read once per run (memoised briefly), as matching candidates: e-mails from email1…email5, the home page. */
function accountCandidates(conn: Conn): Promise<MatchCandidate[]> {
  return conn.memo("accounts", async () =>
    (await listAll(conn, "Accounts", `&load-only=id,name,${EMAIL_FIELDS.join(",")},home_page`)).map((a) => ({
      id: a.id,
      name: typeof a.name === "string" ? a.name : a.id,
      externalIds: [a.id],
      emails: EMAIL_FIELDS.map((f) => a[f]).filter((e): e is string => typeof e === "string" && e !== ""),
      websites: typeof a.home_page === "string" && a.home_page ? [a.home_page] : [],
    })),
  );
}

/** A matched account's contacts, for contact_relations (the seed: list them by account_id). */
function accountContacts(conn: Conn, accountId: string) {
  return conn.memo(`contacts:${accountId}`, async () =>
    (await listAll(conn, "ContactAccountRelations", filter("account_id", accountId, "eq"))).map((r) => ({ contactId: String(r.contact_id), isPrimary: r.is_primary === true })),
  );
}

export const pipelinerDestination: PerDealDestination<PipelinerConfig, Secret, PipelinerLookups, PipelinerPayload> = {
  kind: "pipeliner",
  label: "Pipeliner",
  credentialKind: "pipeliner",
  delivery: "per_deal",
  configSchema: pipelinerConfigSchema,
  form: pipelinerForm,

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
    const matches = deals.some((d) => d.account) ? matchDealAccounts(deals, await accountCandidates(conn), conn.config.matchField) : {};
    const accounts: PipelinerLookups["accounts"] = {};
    for (const [accountId, match] of Object.entries(matches)) {
      accounts[accountId] = { match, contacts: match.status === "matched" ? await accountContacts(conn, match.candidateId) : [] };
    }
    return { ...shared, accounts };
  },

  matching: {
    noun: "account",
    candidates: accountCandidates,
    externalIdField: (config) => config.matchField,
  },

  plan: planPipelinerOpportunity,

  async push(payload, conn) {
    const http = conn.http!;
    if (payload.operation === "update") {
      try {
        const updated = await http.request("PATCH", `/entities/Opportunities/${encodeURIComponent(payload.id)}`, payload.body);
        return { externalId: payload.id, action: "updated", response: http.recordAnswer(updated) };
      } catch (err) {
        if (!(err instanceof DestinationError && err.status === 404)) throw err;
      }
    }
    const created = await http.request("POST", "/entities/Opportunities", payload.body);
    const data = (created.body as { data: Row }).data;
    return { externalId: data.id, action: "created", response: http.recordAnswer(created) };
  },

  /** By name (the documented search), then our marker in the description. */
  async find(deal, conn): Promise<FindResult> {
    const candidates = await listAll(conn, "Opportunities", `${filter("name", deal.name, "eq")}&load-only=id,description`);
    const ours = candidates.filter((o) => typeof o.description === "string" && o.description.includes(dealMarker(deal))).map((o) => o.id);
    if (ours.length === 0) return { found: "none" };
    return ours.length === 1 ? { found: "one", externalId: ours[0] } : { found: "many", externalIds: ours };
  },
};


// Every page, route handler and server action, with who may use it: the one list the
// authorization tests are generated from (lib/auth/route-rules.test.ts checks it against
// the files in app/ and each file's own guard call; e2e/authorization-matrix.spec.ts
// calls every page and API route as each role). A new route without a rule fails.
import type { Tier } from "./permissions";

/** "public": no sign-in needed. Otherwise the tier the entry point itself enforces. */
export type Access = "public" | Tier;
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type PageRule = {
  path: string;
  access: Access;
  /** A concrete URL to call for dynamic paths (an id that need not exist: 404 means the guard let it through). */
  sample?: string;
};
export type ApiRule = {
  path: string;
  methods: Partial<Record<HttpMethod, Access>>;
  /** A concrete URL to call for dynamic paths. */
  sample?: string;
};
/** A server action: an export of a "use server" file (path relative to app/). */
export type ActionRule = { file: string; name: string; access: Tier };

export const PAGE_RULES: PageRule[] = [
  { path: "/", access: "public" }, // only redirects to /imports, which checks
  { path: "/sign-in", access: "public" },
  { path: "/forbidden", access: "public" },
  { path: "/imports", access: "signedIn" },
  { path: "/imports/[id]", access: "signedIn", sample: "/imports/no-such-run" },
  { path: "/deals", access: "signedIn" },
  { path: "/deals/[id]", access: "signedIn", sample: "/deals/no-such-deal" },
  { path: "/accounts", access: "signedIn" },
  { path: "/accounts/[id]", access: "signedIn", sample: "/accounts/no-such-account" },
  { path: "/pushes", access: "signedIn" },
  { path: "/pushes/new", access: "operator" },
  { path: "/pushes/[id]", access: "signedIn", sample: "/pushes/no-such-run" },
  { path: "/matching", access: "signedIn" },
  { path: "/matching/[id]", access: "signedIn", sample: "/matching/no-such-destination" },
  { path: "/settings", access: "signedIn" },
  { path: "/settings/tokens", access: "signedIn" },
  { path: "/settings/sources", access: "admin" },
  { path: "/settings/destinations", access: "admin" },
  { path: "/settings/credentials", access: "admin" },
  { path: "/settings/currency", access: "admin" },
  { path: "/settings/linking", access: "signedIn" },
  { path: "/settings/users", access: "admin" },
  { path: "/audit", access: "admin" },
];

export const API_RULES: ApiRule[] = [
  { path: "/api/auth/[...nextauth]", methods: { GET: "public", POST: "public" }, sample: "/api/auth/csrf" },
  { path: "/api/v1/health", methods: { GET: "public" } },
  { path: "/api/v1/me", methods: { GET: "signedIn" } },
  { path: "/deals/export", methods: { GET: "signedIn" } },
  { path: "/deals/[id]/timeline", methods: { GET: "signedIn" }, sample: "/deals/no-such-deal/timeline" },
  { path: "/api/v1/deals", methods: { GET: "signedIn" } },
  { path: "/api/v1/deals/[id]", methods: { GET: "signedIn" }, sample: "/api/v1/deals/no-such-deal" },
  { path: "/api/v1/accounts", methods: { GET: "signedIn" } },
  { path: "/api/v1/imports", methods: { GET: "signedIn", POST: "operator" } },
  { path: "/api/v1/imports/[id]", methods: { GET: "signedIn" }, sample: "/api/v1/imports/no-such-run" },
  { path: "/api/v1/imports/[id]/cancel", methods: { POST: "operator" }, sample: "/api/v1/imports/no-such-run/cancel" },
  { path: "/api/v1/imports/[id]/changes", methods: { GET: "signedIn" }, sample: "/api/v1/imports/no-such-run/changes" },
  { path: "/api/v1/imports/[id]/problems", methods: { GET: "signedIn" }, sample: "/api/v1/imports/no-such-run/problems" },
  { path: "/api/v1/imports/[id]/approve", methods: { POST: "operator" }, sample: "/api/v1/imports/no-such-run/approve" },
  { path: "/api/v1/imports/[id]/discard", methods: { POST: "operator" }, sample: "/api/v1/imports/no-such-run/discard" },
  { path: "/api/v1/imports/[id]/rediff", methods: { POST: "operator" }, sample: "/api/v1/imports/no-such-run/rediff" },
  { path: "/api/v1/imports/[id]/rollback", methods: { POST: "operator" }, sample: "/api/v1/imports/no-such-run/rollback" },
  { path: "/api/v1/sync-runs", methods: { GET: "signedIn", POST: "operator" } },
  { path: "/api/v1/sync-runs/[id]", methods: { GET: "signedIn" }, sample: "/api/v1/sync-runs/no-such-run" },
  { path: "/api/v1/destinations/[id]/matching", methods: { GET: "signedIn" }, sample: "/api/v1/destinations/no-such-destination/matching" },
  { path: "/api/v1/destinations/[id]/matching/links", methods: { POST: "operator" }, sample: "/api/v1/destinations/no-such-destination/matching/links" },
  {
    path: "/api/v1/destinations/[id]/matching/links/[account]",
    methods: { DELETE: "operator" },
    sample: "/api/v1/destinations/no-such-destination/matching/links/no-such-account",
  },
  {
    path: "/api/v1/destinations/[id]/matching/confirm-exact-domain",
    methods: { POST: "operator" },
    sample: "/api/v1/destinations/no-such-destination/matching/confirm-exact-domain",
  },
  { path: "/api/v1/linking", methods: { GET: "signedIn" } },
  { path: "/api/v1/linking/field-sources", methods: { PUT: "admin" } },
  { path: "/api/v1/linking/deal-rules", methods: { POST: "admin" } },
  { path: "/api/v1/linking/account-rules", methods: { POST: "admin" } },
  { path: "/api/v1/linking/deal-rules/[id]", methods: { DELETE: "admin" }, sample: "/api/v1/linking/deal-rules/no-such-rule" },
  { path: "/api/v1/linking/account-rules/[id]", methods: { DELETE: "admin" }, sample: "/api/v1/linking/account-rules/no-such-rule" },
  { path: "/api/v1/linking/deal-suggestions/[id]", methods: { POST: "operator" }, sample: "/api/v1/linking/deal-suggestions/no-such-suggestion" },
  { path: "/api/v1/linking/account-suggestions/[id]", methods: { POST: "operator" }, sample: "/api/v1/linking/account-suggestions/no-such-suggestion" },
  { path: "/api/v1/credentials", methods: { GET: "admin" } },
  { path: "/api/v1/exchange-rates", methods: { GET: "signedIn", POST: "admin" } },
  { path: "/api/v1/exchange-rates/import", methods: { POST: "admin" } },
  { path: "/api/v1/users", methods: { GET: "admin" } },
  { path: "/api/v1/tokens", methods: { GET: "admin" } },
  { path: "/api/v1/tokens/[id]/revoke", methods: { POST: "admin" }, sample: "/api/v1/tokens/no-such-token/revoke" },
  { path: "/api/v1/audit/export", methods: { GET: "admin" } },
];

export const ACTION_RULES: ActionRule[] = [
  { file: "_actions/table-actions.ts", name: "saveColumnsAction", access: "signedIn" },
  { file: "_actions/table-actions.ts", name: "saveViewAction", access: "signedIn" },
  { file: "_actions/table-actions.ts", name: "deleteViewAction", access: "signedIn" },
  { file: "_actions/deal-selection-actions.ts", name: "countMatchingDealsAction", access: "signedIn" },
  { file: "_actions/deal-selection-actions.ts", name: "describeSelectionAction", access: "signedIn" },
  { file: "_actions/push-preview-actions.ts", name: "excludePreviewItemsAction", access: "operator" },
  { file: "_actions/push-preview-actions.ts", name: "includePreviewItemsAgainAction", access: "operator" },
  { file: "_actions/push-preview-actions.ts", name: "pushFromPreviewAction", access: "operator" },
  { file: "(console)/imports/actions.ts", name: "startImportAction", access: "operator" },
  { file: "(console)/imports/actions.ts", name: "cancelImportAction", access: "operator" },
  { file: "(console)/imports/actions.ts", name: "approveImportAction", access: "operator" },
  { file: "(console)/imports/actions.ts", name: "discardImportAction", access: "operator" },
  { file: "(console)/imports/actions.ts", name: "rediffImportAction", access: "operator" },
  { file: "(console)/imports/actions.ts", name: "rollbackImportAction", access: "operator" },
  { file: "(console)/imports/actions.ts", name: "decideLinkSuggestionAction", access: "operator" },
  { file: "(console)/pushes/actions.ts", name: "retryFailedAction", access: "operator" },
  { file: "(console)/pushes/actions.ts", name: "controlRunAction", access: "operator" },
  { file: "(console)/pushes/actions.ts", name: "resolveUncertainAction", access: "operator" },
  { file: "(console)/matching/actions.ts", name: "confirmMatchAction", access: "operator" },
  { file: "(console)/matching/actions.ts", name: "unlinkMatchAction", access: "operator" },
  { file: "(console)/matching/actions.ts", name: "confirmExactDomainAction", access: "operator" },
  { file: "(console)/settings/sources/actions.ts", name: "saveSourceAction", access: "admin" },
  { file: "(console)/settings/sources/actions.ts", name: "testSourceAction", access: "admin" },
  { file: "(console)/settings/sources/actions.ts", name: "saveSourceReviewAction", access: "admin" },
  { file: "(console)/settings/destinations/actions.ts", name: "saveDestinationAction", access: "admin" },
  { file: "(console)/settings/destinations/actions.ts", name: "testDestinationAction", access: "admin" },
  { file: "(console)/settings/tokens/actions.ts", name: "createTokenAction", access: "signedIn" },
  { file: "(console)/settings/tokens/actions.ts", name: "revokeTokenAction", access: "signedIn" },
  { file: "(console)/settings/credentials/actions.ts", name: "saveCredentialAction", access: "admin" },
  { file: "(console)/settings/credentials/actions.ts", name: "deleteCredentialAction", access: "admin" },
  { file: "(console)/settings/credentials/actions.ts", name: "testConnectionAction", access: "admin" },
  { file: "(console)/settings/credentials/actions.ts", name: "setAllowPrivateEndpointsAction", access: "admin" },
  { file: "(console)/settings/linking/actions.ts", name: "saveDealLinkRuleAction", access: "admin" },
  { file: "(console)/settings/linking/actions.ts", name: "saveAccountLinkRuleAction", access: "admin" },
  { file: "(console)/settings/linking/actions.ts", name: "deleteLinkRuleAction", access: "admin" },
  { file: "(console)/settings/linking/actions.ts", name: "saveLinkedFieldSourcesAction", access: "admin" },
  { file: "(console)/settings/linking/actions.ts", name: "decideDealSuggestionAction", access: "operator" },
  { file: "(console)/settings/linking/actions.ts", name: "decideAccountSuggestionAction", access: "operator" },
  { file: "(console)/settings/currency/actions.ts", name: "setBaseCurrencyAction", access: "admin" },
  { file: "(console)/settings/currency/actions.ts", name: "addExchangeRateAction", access: "admin" },
  { file: "(console)/settings/currency/actions.ts", name: "deleteExchangeRateAction", access: "admin" },
  { file: "(console)/settings/currency/actions.ts", name: "importExchangeRatesAction", access: "admin" },
  { file: "(console)/settings/users/actions.ts", name: "addUserAction", access: "admin" },
  { file: "(console)/settings/users/actions.ts", name: "changeUserRoleAction", access: "admin" },
  { file: "(console)/settings/users/actions.ts", name: "setUserDisabledAction", access: "admin" },
  { file: "(console)/settings/users/actions.ts", name: "resetUserPasswordAction", access: "admin" },
  { file: "(console)/settings/users/actions.ts", name: "revokeUserTokenAction", access: "admin" },
];

/** The URL path a file under app/ serves: route groups "(x)" vanish, "page.tsx"/"route.ts" is the leaf. */
export function routePathOf(file: string): string {
  const segments = file.split("/").slice(0, -1).filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

// The one interface every destination implements (docs/architecture.md): a zod
// config schema, a connection test, plan() — pure, the exact payload or the reasons it
// can't be sent — push() and find() for reconciliation after an unknown outcome.
// Each folder also describes its form (DestinationForm). Adding a destination is one folder
// plus a line in registry.ts: docs/adding-a-destination.md.
import type { z } from "zod";
import type { CredentialKind } from "@/lib/credentials/kinds";
import type { CheckedTransport } from "@/lib/net/checked-transport";
import type { MatchCandidate } from "@/lib/matching/match-account";
import type { HttpClient } from "./http-client";

/** A deal with what any destination needs, money as strings so payloads stay JSON. */
export type DealForPush = {
  id: string;
  externalId: string;
  /** Its source kind's advice for a deal without an amount (lib/sources/registry.ts), else null. */
  missingAmountHint: string | null;
  name: string;
  stage: string | null;
  pipeline: string | null;
  owner: string | null;
  /** Minor units of `currency`, as a decimal string. */
  amountMinor: string | null;
  currency: string | null;
  /** Minor units of the base currency (null: no rate). */
  amountBaseMinor: string | null;
  closeDate: string | null;
  /** When the source says the deal was created (ISO instant), else null. */
  sourceCreatedAt: string | null;
  /** When Dealport first saw the deal (ISO instant). */
  firstSeenAt: string;
  properties: Record<string, unknown>;
  account: {
    id: string;
    externalId: string;
    name: string;
    url: string | null;
    industry: string | null;
    email: string | null;
    properties: Record<string, unknown>;
    /** A person's confirmed match for this account at this destination (the Matching view). */
    link: { externalId: string; externalName: string | null } | null;
  } | null;
  contacts: {
    externalId: string;
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    role: string | null;
    phone: string | null;
    linkedinUrl: string | null;
    reportsToExternalId: string | null;
    isPrimary: boolean;
  }[];
  /** The destination's id for this deal from an earlier push: a re-push updates it. */
  linkedExternalId: string | null;
};

/** `notes` say how the payload was arrived at (e.g. which rule matched the customer). */
export type PlanResult<P> = { ok: true; payload: P; notes?: string[] } | { ok: false; problems: string[] };

export type PlanInput<C, L> = {
  deal: DealForPush;
  config: C;
  lookups: L;
  baseCurrency: string;
  /** Options chosen for this push (e.g. the Jointflows project type). */
  runOptions: Record<string, string>;
};

/** A live connection to one configured destination (credential decrypted, limiter attached). */
export type Connection<C, S> = {
  destinationId: string;
  config: C;
  secret: S;
  /** Null for destinations that don't speak JSON over HTTP (Jointflows writes to S3). */
  http: HttpClient | null;
  /** How to reach the endpoint: lookups checked against the endpoint policy at connect time. */
  transport: CheckedTransport;
  /** The credential's endpoint, the only place its secret goes (undefined: AWS S3 for the region). */
  endpoint: string | undefined;
  /** Read-only lookups, memoised briefly per destination (see open-connection.ts). */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
};

export type PushResult = {
  externalId: string;
  action: "created" | "updated";
  /** The answer (HttpClient.recordAnswer: secrets removed, size bounded), kept with the sync item. */
  response?: unknown;
};

/** What reconciliation found: exactly one match, none, or several (a human decides). */
export type FindResult = { found: "one"; externalId: string } | { found: "none" } | { found: "many"; externalIds: string[] };

/**
 * One input of a destination's settings form (`name` is a key of its config schema) or of
 * the push dialog (a run option). text: one line; number: a number as text; lines: a list,
 * one per line or comma-separated; mapping: "from = to" lines; select: one of `options`.
 */
export type FormField = {
  name: string;
  label: string;
  kind: "text" | "number" | "lines" | "mapping" | "select";
  help?: string;
  placeholder?: string;
  required?: boolean;
  options?: readonly { value: string; label: string }[];
  /** A URL or a long list: a wider input. */
  wide?: boolean;
};

/**
 * How a destination appears to a person: its settings form, its options per push, and
 * its stored settings in a line or two. Pure data and pure functions (the folder's
 * form.ts imports nothing server-only); lib/destinations/destination-form-values.ts
 * turns it into what the forms and pages show.
 */
export type DestinationForm<C> = {
  /** What it receives, after the label in the kind picker: "opportunities". */
  description: string;
  /** Every key of the config schema, in form order (destination-forms.test.ts holds them in step). */
  fields: readonly FormField[];
  /** Chosen for each push in the push dialog, passed to plan() as `runOptions`; always optional. */
  runOptions?: readonly FormField[];
  /** A stored mapping entry as the text right of "=", where it isn't a plain string. */
  mappingText?: Partial<Record<string, (value: unknown) => string>>;
  /** The stored settings as short lines beside the destination (settings page). */
  summary(config: C): string[];
};

/** One kind as the settings form offers it (destinationKindChoices): plain data a client component can take. */
export type DestinationKindChoice = {
  kind: string;
  /** "ChartMogul (opportunities)". */
  label: string;
  credentialKinds: string[];
  fields: FormField[];
  /** A new destination's form text: the schema's defaults. */
  defaults: Record<string, string>;
};

type Common<C, S, L, P> = {
  kind: string;
  label: string;
  /** Several when equivalent secrets serve (an S3 key pair or a GCS HMAC key). */
  credentialKind: CredentialKind | readonly CredentialKind[];
  /** An object schema: each key is one field of `form`. */
  configSchema: z.ZodType<C, unknown> & { shape: Record<string, z.ZodType> };
  form: DestinationForm<C>;
  /** A URL the config names itself (legacy): it must be the credential's endpoint (credential-endpoint.ts). */
  configuredEndpoint?(config: C): string | undefined;
  testConnection(conn: Connection<C, S>): Promise<{ ok: boolean; message: string }>;
  /** Read-only lookups plan() needs for these deals (customers, owners, steps…). */
  lookup(deals: DealForPush[], conn: Connection<C, S>): Promise<L>;
  plan(input: PlanInput<C, L>): PlanResult<P>;
  /**
   * Where a person can see a pushed record on the destination's website, when its address is
   * known (the template lives in the destination's folder). `payload` is what was sent, as stored.
   */
  recordUrl?(pushed: { externalId: string; payload: unknown }): string | null;
};

/** Sends one deal at a time (ChartMogul, Pipeliner). */
export type PerDealDestination<C, S, L, P> = Common<C, S, L, P> & {
  delivery: "per_deal";
  /** Where deals attach to a record the destination already has (lib/matching): its candidates, read whole. */
  matching?: {
    /** What the destination calls them: "customer", "account". */
    noun: string;
    candidates(conn: Connection<C, S>): Promise<MatchCandidate[]>;
    /** The account field rule 2 compares with the candidates' external ids. */
    externalIdField(config: C): string;
  };
  push(payload: P, conn: Connection<C, S>): Promise<PushResult>;
  find(deal: DealForPush, conn: Connection<C, S>): Promise<FindResult>;
  /** HTTP base URL and auth headers; the http client adds rate limiting and redaction. */
  httpTarget(conn: { config: C; secret: S; endpoint: string }): { baseUrl: string; headers: Record<string, string>; requestsPerSecond: number; maxConcurrent: number };
};

/**
 * Writes the whole set at once (Jointflows: overwritten flat files). `payloads` is
 * everything pushed before plus the new ones; the write must be atomic.
 */
export type SnapshotDestination<C, S, L, P> = Common<C, S, L, P> & {
  delivery: "snapshot";
  pushSnapshot(payloads: P[], conn: Connection<C, S>): Promise<{ location: string; counts: Record<string, number> }>;
  /** The id a deal is known by in the snapshot (its row key). */
  snapshotKey(payload: P): string;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDestination = PerDealDestination<any, any, any, any> | SnapshotDestination<any, any, any, any>;

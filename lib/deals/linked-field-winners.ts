// Which deal of a link group gives each field: the deal of the field's preferred source when
// one is set (Settings → Linking) and it has a value, else the most recently updated one that
// has a value. Pure and browser-safe: browse, the deal page and the push all merge with it.
export const LINKED_FIELDS = ["name", "stage", "pipeline", "owner", "amount", "closeDate", "sourceCreatedAt", "account"] as const;
export type LinkedField = (typeof LINKED_FIELDS)[number];

/** The preferred source of some fields (LinkedFieldSource rows); a field left out goes to the most recent value. */
export type LinkedFieldPreferences = Partial<Record<LinkedField, string>>;

export type LinkedDealValues = {
  updatedAt: Date;
  sourceId: string;
  name: string;
  stage: string | null;
  pipeline: string | null;
  owner: string | null;
  amountMinor: unknown;
  closeDate: unknown;
  sourceCreatedAt: unknown;
  account: unknown;
};

// Amount and currency travel together (amountMinor is null whenever the amount is), as do an account and its contacts.
const hasValue: Record<LinkedField, (deal: LinkedDealValues) => boolean> = {
  name: (d) => d.name !== "",
  stage: (d) => d.stage !== null,
  pipeline: (d) => d.pipeline !== null,
  owner: (d) => d.owner !== null,
  amount: (d) => d.amountMinor !== null,
  closeDate: (d) => d.closeDate !== null,
  sourceCreatedAt: (d) => d.sourceCreatedAt !== null,
  account: (d) => d.account !== null,
};

/** For each field, the member whose value wins (the first member when none has one). */
export function linkedFieldWinners<T extends LinkedDealValues>(members: readonly T[], preferences: LinkedFieldPreferences = {}): Record<LinkedField, T> {
  if (!members.length) throw new Error("A link group has at least one deal");
  const newestFirst = [...members].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  const winner = (field: LinkedField) =>
    newestFirst.find((m) => m.sourceId === preferences[field] && hasValue[field](m)) ?? newestFirst.find(hasValue[field]) ?? members[0];
  return Object.fromEntries(LINKED_FIELDS.map((field) => [field, winner(field)])) as Record<LinkedField, T>;
}

/** Deal properties of the group, newer deals' keys over older ones'. Built without assignment, so no key reaches a prototype. */
export function mergedProperties(members: readonly { updatedAt: Date; properties: unknown }[]): Record<string, unknown> {
  const oldestFirst = [...members].sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime());
  return Object.fromEntries(oldestFirst.flatMap((m) => Object.entries((m.properties ?? {}) as Record<string, unknown>)));
}

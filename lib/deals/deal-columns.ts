// The deals table's columns (ids and labels), shared by the table, remembered column
// choices and saved views. Browser-safe.
export const DEAL_COLUMNS = [
  { id: "name", label: "Name" },
  { id: "account", label: "Account" },
  { id: "stage", label: "Stage" },
  { id: "pipeline", label: "Pipeline" },
  { id: "owner", label: "Owner" },
  { id: "amount", label: "Amount" },
  { id: "amountBase", label: "Base amount" },
  { id: "closeDate", label: "Close date" },
  { id: "source", label: "Source" },
  { id: "status", label: "Import" },
  { id: "pushedTo", label: "Pushed to" },
] as const;
export type DealColumnId = (typeof DEAL_COLUMNS)[number]["id"];
export const DEAL_COLUMN_IDS = DEAL_COLUMNS.map((c) => c.id);
/** Shown until the user chooses: everything but the source. */
export const DEFAULT_DEAL_COLUMN_IDS: DealColumnId[] = ["name", "account", "stage", "pipeline", "owner", "amount", "amountBase", "closeDate", "status", "pushedTo"];

// The accounts table's columns. Browser-safe.
export const ACCOUNT_COLUMNS = [
  { id: "name", label: "Name" },
  { id: "industry", label: "Industry" },
  { id: "url", label: "Website" },
  { id: "deals", label: "Active deals" },
  { id: "total", label: "Deal value (base)" },
  { id: "contacts", label: "Contacts" },
  { id: "source", label: "Source" },
] as const;
export const ACCOUNT_COLUMN_IDS = ACCOUNT_COLUMNS.map((c) => c.id);
export const DEFAULT_ACCOUNT_COLUMN_IDS: string[] = ["name", "industry", "deals", "total", "contacts", "source"];

// Sortable deal columns. Each has a (column, id) index so every sort pages by keyset.
import { z } from "zod";

export const DEAL_SORT_KEYS = ["name", "stage", "pipeline", "owner", "amount", "closeDate"] as const;
export type DealSortKey = (typeof DEAL_SORT_KEYS)[number];

export const sortDirectionSchema = z.enum(["asc", "desc"]);

export const dealSortSchema = z.object({
  sort: z.enum(DEAL_SORT_KEYS).default("name"),
  dir: sortDirectionSchema.default("asc"),
});
export type DealSort = z.infer<typeof dealSortSchema>;

/** The Deal column behind each sort key, and how its values travel inside a cursor. */
export const DEAL_SORT_COLUMNS = {
  name: { column: "name", type: "string", nullable: false },
  stage: { column: "stage", type: "string", nullable: true },
  pipeline: { column: "pipeline", type: "string", nullable: true },
  owner: { column: "owner", type: "string", nullable: true },
  amount: { column: "amountBaseMinor", type: "bigint", nullable: true },
  closeDate: { column: "closeDate", type: "date", nullable: true },
} as const satisfies Record<DealSortKey, { column: string; type: "string" | "bigint" | "date"; nullable: boolean }>;

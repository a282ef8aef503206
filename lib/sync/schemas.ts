import { z } from "zod";
import { dealSelectionSchema } from "@/lib/deals/deal-filter";
import { isReservedKey, RESERVED_KEY_MESSAGE } from "@/lib/input/unsafe-input";

/**
 * Options chosen in the push dialog (each destination names its own, e.g. Jointflows'
 * projectType); stored on the run. Which names a destination takes is checked when the
 * run is created (parseRunOptions).
 */
const pushOptionsSchema = z.record(
  z.string().min(1).max(100).refine((name) => !isReservedKey(name), RESERVED_KEY_MESSAGE),
  z.string().trim().max(200).optional(),
);

export const createSyncRunSchema = z.object({
  destinationId: z.string({ error: "destinationId is required" }).trim().min(1).max(100),
  selection: dealSelectionSchema,
  dryRun: z.boolean().default(false),
  options: pushOptionsSchema.default({}),
});

export const SYNC_ITEM_STATES = ["pending", "sending", "sent", "failed", "skipped", "uncertain"] as const;
export type SyncItemState = (typeof SYNC_ITEM_STATES)[number];

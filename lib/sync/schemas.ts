import { z } from "zod";
import { dealSelectionSchema } from "@/lib/deals/deal-filter";

/** Options chosen in the push dialog; stored on the run. */
export const pushOptionsSchema = z.object({
  /** Jointflows project type (playbook). */
  projectType: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(200).optional()),
});

export const createSyncRunSchema = z.object({
  destinationId: z.string({ error: "destinationId is required" }).trim().min(1).max(100),
  selection: dealSelectionSchema,
  dryRun: z.boolean().default(false),
  options: pushOptionsSchema.default({}),
});
export type CreateSyncRunInput = z.input<typeof createSyncRunSchema>;

export const SYNC_ITEM_STATES = ["pending", "sending", "sent", "failed", "skipped", "uncertain"] as const;
export type SyncItemState = (typeof SYNC_ITEM_STATES)[number];
export const TERMINAL_STATES: readonly SyncItemState[] = ["sent", "failed", "skipped", "uncertain"];

/** Runs the worker takes items from. */
export const ACTIVE_RUN_STATUSES = ["queued", "running"] as const;

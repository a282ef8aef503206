// "Exclude these" on a push preview: the deals behind one reason (or every deal that
// can't be sent) leave what a push from the preview holds; "include them again" undoes it.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { previewIdSchema } from "./read-push-preview";

export const excludePreviewItemsSchema = z.object({
  previewId: previewIdSchema,
  /** A grouped reason as the summary lists it; absent: every deal that can't be sent. */
  reason: z.string().max(2000).optional(),
});

export async function excludePreviewItems(input: z.input<typeof excludePreviewItemsSchema>): Promise<number> {
  const { previewId, reason } = excludePreviewItemsSchema.parse(input);
  const { count } = await getDb().pushPreviewItem.updateMany({
    where: { previewId, excluded: false, ...(reason ? { reasons: { has: reason } } : { ok: false }) },
    data: { excluded: true },
  });
  return count;
}

export async function includePreviewItemsAgain(previewId: string): Promise<number> {
  const { count } = await getDb().pushPreviewItem.updateMany({ where: { previewId: previewIdSchema.parse(previewId), excluded: true }, data: { excluded: false } });
  return count;
}

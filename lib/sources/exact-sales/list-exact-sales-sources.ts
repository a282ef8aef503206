// Exact Sales sources as Settings → Sources → Exact Sales shows them: settings, token
// name (never the token), savepoint and the window the next incremental pull will read.
import "server-only";
import { getDb } from "@/lib/db/client";
import { exactSalesConfigSchema, type ExactSalesConfig } from "./config";
import { EXACT_SALES_SOURCE_KIND } from "./save-exact-sales-source";
import { updateWindowFor, type UpdateWindow } from "./update-window";

export type ExactSalesSourceView = {
  id: string;
  name: string;
  credentialId: string | null;
  credentialName: string | null;
  scheduleMinutes: number | null;
  /** null when the stored settings no longer validate (shown as such, fixed by saving the form). */
  config: ExactSalesConfig | null;
  savepoint: Date | null;
  nextWindow: UpdateWindow | null;
  lastRun: { id: string; status: string; startedAt: Date; error: string | null } | null;
};

export async function listExactSalesSources(): Promise<ExactSalesSourceView[]> {
  const rows = await getDb().source.findMany({
    where: { kind: EXACT_SALES_SOURCE_KIND },
    orderBy: { name: "asc" },
    include: {
      credential: { select: { name: true } },
      runs: { orderBy: { startedAt: "desc" }, take: 1, select: { id: true, status: true, startedAt: true, error: true } },
    },
  });
  return rows.map((row) => {
    const parsed = exactSalesConfigSchema.safeParse(row.config ?? {});
    const config = parsed.success ? parsed.data : null;
    return {
      id: row.id,
      name: row.name,
      credentialId: row.credentialId,
      credentialName: row.credential?.name ?? null,
      scheduleMinutes: row.scheduleMinutes,
      config,
      savepoint: row.savepoint,
      nextWindow: config?.mode === "incremental" ? updateWindowFor(row.savepoint, config) : null,
      lastRun: row.runs[0] ?? null,
    };
  });
}

// A held run's staging back in the session temp tables of its approving (or re-diffing)
// connection, set-based, exactly as the run left them after merging accounts.
import type pg from "pg";
import { AppError } from "@/lib/errors";
import type { HeldMeta } from "./hold-staged-import";
import { StagingTables } from "./staging-tables";

export async function restoreHeldStaging(client: pg.Client, runId: string): Promise<{ staging: StagingTables; meta: HeldMeta }> {
  const metaRow = await client.query(`select data from "StagedImportRow" where "runId" = $1 and kind = 'meta'`, [runId]);
  if (!metaRow.rows[0]) throw new AppError("conflict", `Run ${runId} has no staged data left (it expired or was discarded)`);
  const meta = metaRow.rows[0].data as HeldMeta;
  const staging = await StagingTables.create(client);
  await client.query(`
    drop table if exists import_account_merged;
    create temp table import_account_merged (external_id text, name text, url text, industry text, properties jsonb, file text, line int)`);
  for (const [kind, table] of [
    ["deal", "import_deal"],
    ["account_merged", "import_account_merged"],
    ["contact", "import_contact"],
    ["rejected", "import_rejected"],
  ]) {
    await client.query(
      `insert into ${table} select (jsonb_populate_record(null::${table}, data)).* from "StagedImportRow" where "runId" = $1 and kind = '${kind}' order by seq`,
      [runId],
    );
  }
  await staging.finish();
  await client.query(`create index on import_account_merged (external_id); analyze import_account_merged`);
  return { staging, meta };
}

// A decision about an import run (held, approved, discarded, expired, rolled back), written
// on the caller's connection so it commits with the change it describes: an ImportRunEvent
// (the deal timeline reads these through DealChange.runId and Deal.firstSeenRunId) and the matching audit event.
import type pg from "pg";

export type RunEventKind = "held" | "rediffed" | "approved" | "discarded" | "expired" | "rolled_back";

export interface RunEventInput {
  runId: string;
  kind: RunEventKind;
  actor: { id: string; email: string } | null;
  comment?: string | null;
  summary: string;
  details?: Record<string, unknown>;
}

export async function recordRunEvent(client: pg.ClientBase, event: RunEventInput): Promise<void> {
  const details = JSON.stringify(event.details ?? {});
  const actorId = event.actor?.id ?? null;
  const actorEmail = event.actor?.email ?? null;
  await client.query(
    `with e as (
       insert into "ImportRunEvent" ("runId", kind, "actorId", "actorEmail", comment, details) values ($1, $2, $3, $4, $5, $6::jsonb)
     )
     insert into "AuditEvent" ("actorId", "actorEmail", action, "targetType", "targetId", summary, details)
     values ($3, $4, 'import.' || $2, 'import_run', $1, $7, $6::jsonb || jsonb_build_object('comment', $5::text))`,
    [event.runId, event.kind, actorId, actorEmail, event.comment ?? null, details, event.summary],
  );
}

// Checks on the staged snapshot before anything is applied: refuse an empty snapshot that
// would remove every deal, and warn (once, with a first line) about deals without a base
// amount and about references to accounts or contacts the import does not have.
import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RunProblem } from "./import-problem-writer";
import type { ImportRunState } from "./import-run-state";

const REFERENCE_WARNINGS_LIMIT = 1000;

export async function warnAboutMissingRates(state: ImportRunState) {
  const warnings: RunProblem[] = [...state.missingRates].map(([currency, seen]) => ({
    severity: "warning",
    file: seen.file,
    line: seen.line,
    column: "currency",
    code: "missing_rate",
    message: `${seen.count} deal${seen.count === 1 ? "" : "s"} in ${currency} have no base-currency amount: ${seen.message} (first on line ${seen.line}); add the rate in Settings → Currency`,
    excerpt: null,
  }));
  await state.problems.add(warnings);
}

/** A deals file with a header and no rows would mark every deal removed: refuse that. */
export async function refuseEmptySnapshot(state: ImportRunState, stagedDeals: number) {
  if (state.scopes.get("deals") !== "snapshot" || stagedDeals > 0 || state.rejected.deals > 0) return;
  const live = await getDb().deal.count({ where: { sourceId: state.sourceId, removedAt: null } });
  if (live > 0) {
    throw new AppError(
      "bad_request",
      `The new snapshot has no deals at all, which would mark all ${live} current deals removed; nothing was changed. If the source really is empty now, remove its deals another way.`,
    );
  }
}

export async function warnAboutReferences(state: ImportRunState) {
  const { client, scopes, sourceId } = state;
  const warnings: RunProblem[] = [];
  if (scopes.has("accounts")) {
    const orphans = await client.query(
      `select distinct on (d.account_external_id) d.account_external_id as id, d.file, d.line from import_deal d
       where d.account_external_id is not null and not exists (select 1 from import_account_merged m where m.external_id = d.account_external_id)
       order by d.account_external_id, d.seq limit ${REFERENCE_WARNINGS_LIMIT}`,
    );
    for (const r of orphans.rows) {
      warnings.push({
        severity: "warning",
        file: r.file,
        line: r.line,
        column: "account_unique_id",
        code: "account_without_name",
        message: `Account "${r.id}" is not in accounts.csv and no deal row gives its account_name, so it was not created; the deal is imported without an account`,
        excerpt: null,
      });
    }
  }
  if (scopes.has("contacts")) {
    const accountsKnown = scopes.has("accounts")
      ? `exists (select 1 from import_account_merged m where m.external_id = c.account_external_id)`
      : `exists (select 1 from "Account" a where a."sourceId" = $1 and a."externalId" = c.account_external_id and a."removedAt" is null)`;
    const contactsKnown =
      scopes.get("contacts") === "snapshot"
        ? `exists (select 1 from import_contact m where m.external_id = c.reports_to_external_id)`
        : `exists (select 1 from import_contact m where m.external_id = c.reports_to_external_id) or exists (select 1 from "Contact" m where m."sourceId" = $1 and m."externalId" = c.reports_to_external_id)`;
    const unknown = await client.query(
      `select c.external_id as id, c.account_external_id as account, c.reports_to_external_id as reports_to, c.file, c.line,
         not (c.account_external_id is null or ${accountsKnown}) as no_account,
         not (c.reports_to_external_id is null or ${contactsKnown}) as no_manager
       from import_contact c
       where not (c.account_external_id is null or ${accountsKnown}) or not (c.reports_to_external_id is null or ${contactsKnown})
       order by c.seq limit ${REFERENCE_WARNINGS_LIMIT}`,
      scopes.has("accounts") && scopes.get("contacts") === "snapshot" ? [] : [sourceId],
    );
    for (const r of unknown.rows) {
      if (r.no_account) {
        warnings.push({
          severity: "warning",
          file: r.file,
          line: r.line,
          column: "account_unique_id",
          code: "missing_reference",
          message: `Contact "${r.id}" belongs to account "${r.account}", which is not in this import; the contact is imported without an account`,
          excerpt: null,
        });
      }
      if (r.no_manager) {
        warnings.push({
          severity: "warning",
          file: r.file,
          line: r.line,
          column: "reports_to_id",
          code: "missing_reference",
          message: `Contact "${r.id}" reports to "${r.reports_to}", which is not a known contact; the link is left empty`,
          excerpt: null,
        });
      }
    }
  }
  await state.problems.add(warnings);
}

// The deal page's body: fields, properties, account and contacts, provenance, the other
// sources of the same deal, where it was pushed. Its history is the timeline (deal-timeline.tsx).
import Link from "next/link";
import type { DealDetail } from "@/lib/deals/get-deal-detail";
import { displayMoney } from "@/lib/deals/deal-row-view";
import type { LinkedField } from "@/lib/deals/linked-field-winners";
import { SimpleTable } from "@/components/simple-table";
import { StatusBadge } from "@/components/status-badge";
import { formatUtc } from "@/lib/format-utc";
import { jsonText } from "./deal-timeline";

const day = (d: Date | null) => (d ? formatUtc(d, "day") : null);
const time = (d: Date | null) => (d ? formatUtc(d) : null);
const dash = <span className="text-slate-400">—</span>;

function Section({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={id} className="mb-3 text-base font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** `keys`: the labels are the source's own field names, shown as written (upper-casing "registeredAt" loses its word breaks). */
function Fields({ items, keys = false }: { items: [string, React.ReactNode][]; keys?: boolean }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt className={`text-xs font-medium text-slate-500 ${keys ? "font-mono" : "uppercase tracking-wide"}`}>{label}</dt>
          <dd className="mt-0.5 break-words text-sm text-slate-900">{value ?? dash}</dd>
        </div>
      ))}
    </dl>
  );
}


export function DealDetailView({ detail, baseCurrency }: { detail: DealDetail; baseCurrency: string }) {
  const { deal, provenance } = detail;
  // A source that also keeps stage, pipeline or owner among its properties would show them twice.
  const fields: Record<string, string | null> = { stage: deal.stage, pipeline: deal.pipeline, owner: deal.owner };
  const properties = Object.entries((deal.properties ?? {}) as Record<string, unknown>).filter(([k, v]) => !(Object.hasOwn(fields, k) && jsonText(v) === fields[k]));
  // sourceId is the Source shown by name above; the run is shown as a link.
  const extraProvenance = Object.entries(provenance).filter(([k]) => !["sourceId", "runId", "file", "line", "run"].includes(k));
  return (
    <div className="space-y-6">
      <Section title="Deal" id="deal-fields">
        <Fields
          items={[
            ["Stage", deal.stage],
            ["Pipeline", deal.pipeline],
            ["Owner", deal.owner],
            ["Amount", displayMoney(deal.amountMinor, deal.currency)],
            [`Amount (${baseCurrency})`, displayMoney(deal.amountBaseMinor, baseCurrency)],
            ["Close date", day(deal.closeDate)],
            ["Last import", <StatusBadge key="s" status={deal.lastImportStatus} />],
            ["Removed", time(deal.removedAt)],
            ["External id", <code key="e" className="text-xs">{deal.externalId}</code>],
            ["First seen", time(deal.createdAt)],
            ["Last updated", time(deal.updatedAt)],
          ]}
        />
        {properties.length ? (
          <>
            <h3 className="mb-2 mt-5 text-sm font-semibold text-slate-800">Properties</h3>
            <Fields keys items={properties.map(([k, v]) => [k, jsonText(v) || null])} />
          </>
        ) : null}
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Account and contacts" id="deal-account">
          {deal.account ? (
            <>
              <Fields
                items={[
                  ["Account", <Link key="a" href={`/accounts/${deal.account.id}`} className="text-indigo-700 hover:underline">{deal.account.name}</Link>],
                  ["Industry", deal.account.industry],
                  ["Website", deal.account.url],
                ]}
              />
              {deal.account.contacts.length ? (
                <ul className="mt-4 divide-y divide-slate-100 text-sm">
                  {deal.account.contacts.map((c) => {
                    // A contact without a name is headed by its e-mail: the line below then leaves it out.
                    const name = [c.firstName, c.lastName].filter(Boolean).join(" ");
                    const details = [c.role, name ? c.email : null, c.phone].filter(Boolean);
                    return (
                      <li key={c.id} className="py-2">
                        <span className="font-medium">{name || c.email || c.externalId}</span>
                        {c.isPrimary ? <span className="ml-2 rounded bg-emerald-50 px-1.5 text-xs text-emerald-700">primary</span> : null}
                        {details.length ? <span className="block text-slate-600">{details.join(" · ")}</span> : null}
                      </li>
                    );
                  })}
                </ul>
              ) : (
                <p className="mt-4 text-sm text-slate-600">No contacts for this account yet (they arrive with contacts.csv).</p>
              )}
            </>
          ) : (
            <p className="text-sm text-slate-600">This deal has no account.</p>
          )}
        </Section>

        <Section title="Provenance" id="deal-provenance">
          <Fields
            items={[
              ["Source", deal.source.name],
              [
                "Import run",
                provenance.run ? (
                  <span key="r">
                    <Link href={`/imports/${provenance.run.id}`} className="text-indigo-700 hover:underline">Run #{provenance.run.number}</Link> · {time(provenance.run.startedAt)}
                  </span>
                ) : (provenance.runId ?? null),
              ],
              ["File", provenance.file ?? null],
              ["Line", provenance.line ?? null],
              ...extraProvenance.map(([k, v]): [string, React.ReactNode] => [k, jsonText(v)]),
            ]}
          />
        </Section>
      </div>

      {detail.linkGroup ? <LinkGroupSection group={detail.linkGroup} /> : null}

      {deal.links.length ? (
        <Section title="At destinations" id="deal-links">
          <ul className="flex flex-wrap gap-2">
            {deal.links.map((link) => (
              <li key={link.id} className="rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sm">
                <span className="font-medium">{link.destination.name}</span> · <code className="text-xs">{link.externalId}</code>{" "}
                <span className="text-slate-600">· last pushed {time(link.pushedAt)}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}

type LinkGroupRow = { field: LinkedField; label: string; value: (d: LinkGroupMember) => React.ReactNode };
const LINK_GROUP_ROWS: LinkGroupRow[] = [
  { field: "name", label: "Name", value: (d) => d.name },
  { field: "stage", label: "Stage", value: (d) => d.stage },
  { field: "pipeline", label: "Pipeline", value: (d) => d.pipeline },
  { field: "owner", label: "Owner", value: (d) => d.owner },
  { field: "amount", label: "Amount", value: (d) => displayMoney(d.amountMinor, d.currency) },
  { field: "closeDate", label: "Close date", value: (d) => day(d.closeDate) },
  { field: "account", label: "Account", value: (d) => d.account?.name ?? null },
];

type LinkGroup = NonNullable<DealDetail["linkGroup"]>;
type LinkGroupMember = LinkGroup["members"][number];

/** One deal from several sources: what each source says, and which one wins per field (pushes send the winners). */
function LinkGroupSection({ group }: { group: LinkGroup }) {
  return (
    <Section title="Sources of this deal" id="deal-link-group">
      <p className="mb-3 text-sm text-slate-600">
        The same deal arrives from {group.members.length} sources. It is browsed and pushed once; each field comes from its preferred source (Settings → Linking) when
        that source has it, else from the most recently updated source that has it.
      </p>
      <SimpleTable
        variant="plain"
        rows={LINK_GROUP_ROWS}
        rowKey={(row) => row.field}
        columns={[
          {
            header: "Field",
            rowHeader: true,
            cell: (row) => (
              <>
                {row.label}
                {group.preferences[row.field] ? (
                  <span className="block text-xs font-normal text-slate-500">
                    preferred: {group.members.find((m) => m.sourceId === group.preferences[row.field])?.source.name ?? "a source not in this group"}
                  </span>
                ) : null}
              </>
            ),
          },
          ...group.members.map((m) => ({
            header: (
              <>
                <Link className="text-indigo-700 hover:underline" href={`/deals/${m.id}`}>{m.source.name}</Link>
                <span className="block font-normal text-slate-500">{m.externalId} · updated {time(m.updatedAt)}</span>
              </>
            ),
            cell: (row: LinkGroupRow) => {
              const wins = group.winners[row.field] === m.id;
              return (
                <span className={wins ? "font-semibold text-slate-900" : "text-slate-600"}>
                  {row.value(m) ?? dash}
                  {wins ? <span className="ml-2 rounded bg-indigo-50 px-1.5 text-xs font-normal text-indigo-700">wins</span> : null}
                </span>
              );
            },
          })),
        ]}
      />
    </Section>
  );
}

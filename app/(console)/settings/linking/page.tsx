import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { DeleteLinkRuleForm, FieldSourcesForm, LinkRuleForm, LinkSuggestionForm } from "@/components/linking/link-forms";
import { EmptyState, PageHeader } from "@/components/shell/page-header";
import { canAdminister, canLinkSources } from "@/lib/auth/permissions";
import { displayMoney } from "@/lib/deals/deal-row-view";
import type { LinkedField } from "@/lib/deals/linked-field-winners";
import { getLinkingOverview, type LinkingOverview } from "@/lib/linking/linking-overview";
import {
  decideAccountSuggestionAction,
  decideDealSuggestionAction,
  deleteLinkRuleAction,
  saveAccountLinkRuleAction,
  saveDealLinkRuleAction,
  saveLinkedFieldSourcesAction,
} from "./actions";

export const metadata: Metadata = { title: "Linking" };

const FIELD_LABELS: { field: LinkedField; label: string }[] = [
  { field: "name", label: "Name" },
  { field: "stage", label: "Stage" },
  { field: "pipeline", label: "Pipeline" },
  { field: "owner", label: "Owner" },
  { field: "amount", label: "Amount" },
  { field: "closeDate", label: "Close date" },
  { field: "sourceCreatedAt", label: "Created (source)" },
  { field: "account", label: "Account" },
];

const card = "mt-6 rounded-xl border border-slate-200 bg-white p-6";
const th = "px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-slate-600";
const td = "px-3 py-2 align-top";

type DealSide = LinkingOverview["dealSuggestions"][number]["deal"];
type AccountSide = LinkingOverview["accountSuggestions"][number]["account"];

function DealCell({ deal }: { deal: DealSide }) {
  return (
    <span>
      <Link className="text-indigo-700 underline" href={`/deals/${deal.id}`}>{deal.name}</Link>
      <span className="block text-xs text-slate-500">
        {deal.source.name} · {deal.externalId} · {deal.stage ?? "no stage"} · {displayMoney(deal.amountMinor, deal.currency) ?? "no amount"} · {deal.account?.name ?? "no account"}
      </span>
    </span>
  );
}

function AccountCell({ account }: { account: AccountSide }) {
  return (
    <span>
      <Link className="text-indigo-700 underline" href={`/accounts/${account.id}`}>{account.name}</Link>
      <span className="block text-xs text-slate-500">{account.source.name} · {account.externalId} · {account.url ?? "no website"}</span>
    </span>
  );
}

function RulesTable({
  label,
  kind,
  rules,
  sourceName,
  canRemove,
}: {
  label: string;
  kind: "deal" | "account";
  rules: LinkingOverview["dealRules"];
  sourceName: (id: string) => string;
  canRemove: boolean;
}) {
  if (!rules.length) return <p className="text-sm text-slate-600">No rules yet: only suggestions link these records.</p>;
  return (
    <table className="w-full text-sm" aria-label={label}>
      <thead className="bg-slate-50"><tr><th className={th}>Source</th><th className={th}>Field</th><th className={th}>Other source</th><th className={th}>Other field</th><th className={th}><span className="sr-only">Actions</span></th></tr></thead>
      <tbody>
        {rules.map((r) => (
          <tr key={r.id} className="border-t border-slate-100">
            <td className={td}>{sourceName(r.sourceId)}</td><td className={`${td} font-mono`}>{r.field}</td>
            <td className={td}>{sourceName(r.otherSourceId)}</td><td className={`${td} font-mono`}>{r.otherField}</td>
            <td className={`${td} text-right`}>
              {canRemove ? <DeleteLinkRuleForm action={deleteLinkRuleAction} kind={kind} ruleId={r.id} description={`${sourceName(r.sourceId)}.${r.field} = ${sourceName(r.otherSourceId)}.${r.otherField}`} /> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function LinkingSettingsPage() {
  const actor = await requirePageActor("signedIn", "/settings/linking");
  const overview = await getLinkingOverview();
  const admin = canAdminister(actor);
  const decide = canLinkSources(actor);
  const sourceOptions = overview.sources.map((s) => ({ value: s.id, label: s.name }));
  const sourceName = (id: string) => overview.sources.find((s) => s.id === id)?.name ?? id;
  return (
    <>
      <PageHeader
        title="Linking"
        description="The same deal or account arriving from two sources is one record: browsed once, pushed once. Rules link records after each import; suggestions wait for an operator."
      />

      <section aria-labelledby="deal-suggestions" className={card}>
        <h2 id="deal-suggestions" className="mb-1 font-semibold">Deal suggestions ({overview.pending.deals} to decide)</h2>
        <p className="mb-3 text-sm text-slate-600">Same name and amount, and no two different account domains, in two sources.</p>
        {overview.dealSuggestions.length ? (
          <ul className="space-y-3 text-sm" aria-label="Deal suggestions">
            {overview.dealSuggestions.map((s) => (
              <li key={s.id} className="grid items-center gap-2 sm:grid-cols-3">
                <DealCell deal={s.deal} />
                <DealCell deal={s.otherDeal} />
                {decide ? <LinkSuggestionForm action={decideDealSuggestionAction} suggestionId={s.id} description={`Link the two deals named ${s.deal.name}`} /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No deal suggestions">Imports suggest links when two sources hold a deal with the same name and amount.</EmptyState>
        )}
      </section>

      <section aria-labelledby="account-suggestions" className={card}>
        <h2 id="account-suggestions" className="mb-1 font-semibold">Account suggestions ({overview.pending.accounts} to decide)</h2>
        <p className="mb-3 text-sm text-slate-600">Same website domain, or same name without two different domains, in two sources.</p>
        {overview.accountSuggestions.length ? (
          <ul className="space-y-3 text-sm" aria-label="Account suggestions">
            {overview.accountSuggestions.map((s) => (
              <li key={s.id} className="grid items-center gap-2 sm:grid-cols-3">
                <AccountCell account={s.account} />
                <AccountCell account={s.otherAccount} />
                <span className="flex items-center gap-2">
                  <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">same {s.reason}</span>
                  {decide ? <LinkSuggestionForm action={decideAccountSuggestionAction} suggestionId={s.id} description={`Link the two accounts named ${s.account.name}`} /> : null}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No account suggestions">Imports suggest links when two sources hold an account with the same website domain or name.</EmptyState>
        )}
      </section>

      <section aria-labelledby="field-sources" className={card}>
        <h2 id="field-sources" className="mb-1 font-semibold">Which source wins per field</h2>
        <p className="mb-4 text-sm text-slate-600">
          A linked deal takes each field from the chosen source when that source has a value, else from the most recently updated source. Browse, the deal page and pushes use it.
        </p>
        {admin ? (
          <FieldSourcesForm action={saveLinkedFieldSourcesAction} fields={FIELD_LABELS} sources={sourceOptions} current={overview.fieldSources} />
        ) : (
          <ul className="text-sm" aria-label="Field sources">
            {FIELD_LABELS.map((f) => (
              <li key={f.field}>{f.label}: {overview.fieldSources[f.field] ? sourceName(overview.fieldSources[f.field]!) : "most recently updated"}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="deal-rules" className={card}>
        <h2 id="deal-rules" className="mb-1 font-semibold">Deal link rules</h2>
        <p className="mb-4 text-sm text-slate-600">Deals of two sources are one deal when these fields hold the same value (e.g. both carry the CRM id). One rule per source pair.</p>
        <RulesTable label="Deal link rules" kind="deal" rules={overview.dealRules} sourceName={sourceName} canRemove={admin} />
        {admin && sourceOptions.length > 1 ? (
          <div className="mt-4"><LinkRuleForm action={saveDealLinkRuleAction} sources={sourceOptions} noun="deal" fieldHint="externalId or a column / property name" /></div>
        ) : null}
      </section>

      <section aria-labelledby="account-rules" className={card}>
        <h2 id="account-rules" className="mb-1 font-semibold">Account link rules</h2>
        <p className="mb-4 text-sm text-slate-600">Accounts of two sources are one account when these fields hold the same value. One rule per source pair.</p>
        <RulesTable label="Account link rules" kind="account" rules={overview.accountRules} sourceName={sourceName} canRemove={admin} />
        {admin && sourceOptions.length > 1 ? (
          <div className="mt-4"><LinkRuleForm action={saveAccountLinkRuleAction} sources={sourceOptions} noun="account" fieldHint="externalId, domain, name or a property (e.g. cnpj)" /></div>
        ) : null}
      </section>
    </>
  );
}

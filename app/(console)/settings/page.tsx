import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { PageHeader } from "@/components/shell/page-header";
import { canAdminister } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Settings" };

const SECTIONS = [
  { href: "/settings/tokens", title: "API tokens", text: "Your personal tokens for the REST API and CLI.", admin: false },
  { href: "/settings/sources", title: "Sources", text: "S3 prefixes, folders and Exact Sales CRM pulls to import from: settings, schedule, review rules, connection test.", admin: true },
  { href: "/settings/credentials", title: "Credentials", text: "Encrypted keys for S3, ChartMogul, Pipeliner and Exact Sales, with a connection test.", admin: true },
  { href: "/settings/linking", title: "Linking", text: "One deal or account from several sources: link rules, which source wins per field, suggestions to confirm.", admin: false },
  { href: "/settings/currency", title: "Currency", text: "Base currency and exchange rates, by hand or from a CSV.", admin: true },
  { href: "/settings/users", title: "Users", text: "Add users, change roles, disable accounts, reset passwords.", admin: true },
  { href: "/settings/destinations", title: "Destinations", text: "Where pushes go: kind, credential, settings and mappings, connection test.", admin: true },
];

export default async function SettingsPage() {
  const actor = await requirePageActor("signedIn", "/settings");
  const visible = SECTIONS.filter((s) => !s.admin || canAdminister(actor));
  return (
    <>
      <PageHeader title="Settings" description={canAdminister(actor) ? "Your tokens and the workspace configuration." : "Your tokens. Workspace settings are managed by admins."} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {visible.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block h-full rounded-xl border border-slate-200 bg-white p-5 hover:border-indigo-300 hover:shadow-sm">
              <h2 className="font-semibold">{s.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{s.text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

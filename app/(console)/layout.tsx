import Link from "next/link";
import { requirePageActor } from "@/app/_lib/guard";
import { NavLinks } from "@/components/shell/nav-links";
import { canAdminister } from "@/lib/auth/permissions";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { countHeldImports } from "@/lib/imports/list-import-runs";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor("signedIn");
  const needsReview = await countHeldImports();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">Skip to content</a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/imports" className="text-lg font-semibold tracking-tight text-indigo-700">Dealport</Link>
          <nav aria-label="Main" className="flex-1">
            <NavLinks needsReview={needsReview} isAdmin={canAdminister(actor)} />
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-700" data-testid="current-user">{actor.email}</span>
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium uppercase tracking-wide text-slate-700" data-testid="current-role">
              {actor.role}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-screen-2xl px-4 py-8">{children}</main>
    </div>
  );
}

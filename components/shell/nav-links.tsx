"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/imports", label: "Imports" },
  { href: "/deals", label: "Deals" },
  { href: "/accounts", label: "Accounts" },
  { href: "/pushes", label: "Pushes" },
  { href: "/matching", label: "Matching" },
  { href: "/settings", label: "Settings" },
  { href: "/audit", label: "Audit", adminOnly: true },
];

/**
 * needsReview: held import runs, counted beside Imports and linking to them. The audit log is
 * for admins: others would only find a "no access" page behind its link.
 */
export function NavLinks({ needsReview = 0, isAdmin }: { needsReview?: number; isAdmin: boolean }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {LINKS.filter((link) => isAdmin || !link.adminOnly).map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <li key={link.href} className="flex items-center">
            <Link
              href={link.href}
              aria-current={active ? "page" : undefined}
              className={`block rounded-md px-3 py-1.5 text-sm font-medium ${
                active ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              }`}
            >
              {link.label}
            </Link>
            {link.href === "/imports" && needsReview > 0 ? (
              <Link
                href="/imports?status=held"
                className="ml-1 rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-900"
                data-testid="needs-review"
                aria-label={`${needsReview} import${needsReview === 1 ? "" : "s"} need${needsReview === 1 ? "s" : ""} review`}
              >
                {needsReview} to review
              </Link>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

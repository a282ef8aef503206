"use client";

// "Back to the list" returns to the list as the user left it (filter, sort, page; the
// selection lives in sessionStorage too), even after a reload of the detail page.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useSyncExternalStore } from "react";

const key = (listPath: string) => `dealport.lastList.${listPath}`;
const noSubscription = () => () => {};

/** Call from a list page: remembers its current URL for BackToList. */
export function useRememberListUrl() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  useEffect(() => {
    const query = searchParams.toString();
    window.sessionStorage.setItem(key(pathname), query ? `${pathname}?${query}` : pathname);
  }, [pathname, searchParams]);
}

export function BackToList({ listPath, label }: { listPath: string; label: string }) {
  // sessionStorage exists only in the browser: the server renders the plain list link.
  const href = useSyncExternalStore(
    noSubscription,
    () => window.sessionStorage.getItem(key(listPath)) ?? listPath,
    () => listPath,
  );
  return (
    <Link href={href} className="mb-3 inline-block text-sm font-medium text-indigo-700 hover:underline">
      ← {label}
    </Link>
  );
}

"use client";

// The table's state lives in the URL: every change is a navigation (so the back button
// and shared links work), and the server renders the page for it.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useTransition } from "react";

/** Keys that position the reader inside a result; any filter or sort change drops them. */
export const PAGING_KEYS = ["after", "before", "page"] as const;

export function useTableUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  const navigate = useCallback(
    (next: URLSearchParams) => {
      const query = next.toString();
      startTransition(() => router.push(query ? `${pathname}?${query}` : pathname, { scroll: false }));
    },
    [pathname, router],
  );

  /** Copies the current params, lets `edit` change them, and navigates. */
  const update = useCallback(
    (edit: (params: URLSearchParams) => void, options: { keepPage?: boolean } = {}) => {
      const next = new URLSearchParams(searchParams.toString());
      if (!options.keepPage) for (const key of PAGING_KEYS) next.delete(key);
      edit(next);
      navigate(next);
    },
    [navigate, searchParams],
  );

  return { searchParams, navigate, update, pending };
}

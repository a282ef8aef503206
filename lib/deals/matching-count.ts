// A matching-deals figure and how the deals page writes it. Browser-safe.

/** `exact: false` means `count` is PostgreSQL's estimate (and more than the exact-count threshold). */
export type MatchingCount = { count: number; exact: boolean };

const exactFormat = new Intl.NumberFormat("en-US");
const roughFormat = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 2 });

/** "1,234" when exact, "≈ 1.2M" when estimated. */
export function matchingCountText(matching: MatchingCount): string {
  return matching.exact ? exactFormat.format(matching.count) : `≈ ${roughFormat.format(matching.count)}`;
}

/**
 * The count a page can prove: a first page with no next page holds every match, so its row
 * count is exact whatever the count said (an estimate, or a count that ran out of time).
 */
export function matchingSeenOnPage(matching: MatchingCount, page: { rows: unknown[]; nextCursor: string | null }, firstPage: boolean): MatchingCount {
  return firstPage && page.nextCursor === null ? { count: page.rows.length, exact: true } : matching;
}

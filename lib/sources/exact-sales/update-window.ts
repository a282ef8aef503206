// Kondado's "incremental with update window": each pull re-reads the leads whose
// updateDate lies between savepoint − past days and savepoint + future days, and a
// successful pull moves the savepoint to the newest updateDate it saw.
import { formatExactTimestamp } from "./timestamps";

const DAY_MS = 86_400_000;

export type UpdateWindow = { from: Date; to: Date };

export type WindowSettings = { pastWindowDays: number; futureWindowDays: number };

/** The window around a savepoint; null without one (the first pull reads every lead). */
export function updateWindowFor(savepoint: Date | null, settings: WindowSettings): UpdateWindow | null {
  if (!savepoint) return null;
  return {
    from: new Date(savepoint.getTime() - settings.pastWindowDays * DAY_MS),
    to: new Date(savepoint.getTime() + settings.futureWindowDays * DAY_MS),
  };
}

/** The OData filter selecting a window's records by `field` (leads: updateDate; sales: saleDate), both ends included. */
export function updateWindowFilter(window: UpdateWindow, field = "updateDate"): string {
  return `${field} ge ${formatExactTimestamp(window.from)} and ${field} le ${formatExactTimestamp(window.to)}`;
}

/**
 * The savepoint after a successful pull: the newest updateDate seen, never earlier
 * than before. A window that saw nothing and lies wholly before the pull started is
 * stepped over (savepoint → its end): otherwise a gap in the data longer than the
 * future window would stop the savepoint for good.
 */
export function nextSavepoint(current: Date | null, newestSeen: Date | null, window: UpdateWindow | null, pullStartedAt: Date): Date | null {
  let next = current;
  if (newestSeen && (!next || newestSeen > next)) next = newestSeen;
  if (!newestSeen && window && window.to < pullStartedAt && (!next || window.to > next)) next = window.to;
  return next;
}

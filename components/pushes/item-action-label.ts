// What a push did with a deal, in words: the run summary says "found again" for a deal an
// earlier attempt had already created, and a dry run's actions are what a push would do.
const LABELS: Record<string, string> = {
  created: "created",
  updated: "updated",
  reconciled: "found again",
  would_create: "would create",
  would_update: "would update",
};

export const itemActionLabel = (action: string) => LABELS[action] ?? action.replaceAll("_", " ");

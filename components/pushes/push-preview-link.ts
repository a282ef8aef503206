// Links within the push preview: the page's query (selection, destination, options, preview)
// with the table's view, reason and page changed.
export type PreviewView = "ready" | "blocked" | "excluded";

export type PreviewLinkChange = { view?: PreviewView; reason?: string | null; page?: number };

export function previewHref(baseQuery: string, current: { view: PreviewView; reason: string | null }, change: PreviewLinkChange): string {
  const params = new URLSearchParams(baseQuery);
  const view = change.view ?? current.view;
  const reason = change.reason === undefined ? current.reason : change.reason;
  params.set("view", view);
  if (reason) params.set("reason", reason);
  if (change.page && change.page > 1) params.set("page", String(change.page));
  return `/pushes/new?${params.toString()}#preview-table`;
}

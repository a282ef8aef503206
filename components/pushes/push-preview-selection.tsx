// What is selected, before a destination is chosen: the filter in words and how many deals.
export function PushPreviewSelection({ text, count }: { text: string; count: number }) {
  return (
    <p data-testid="preview-selection" className="mb-4 rounded-xl border border-slate-200 bg-white p-4 text-sm">
      <span className="font-medium text-slate-900">Selected:</span> {text} — <strong>{count.toLocaleString("en-US")}</strong> deal{count === 1 ? "" : "s"}
    </p>
  );
}

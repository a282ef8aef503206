// A large selection takes a while to plan the first time (the preview is kept afterwards).
export default function Loading() {
  return <p role="status" className="text-sm text-slate-600">Planning the preview: every selected deal, exactly as it would be sent…</p>;
}

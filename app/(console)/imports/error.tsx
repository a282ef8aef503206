"use client";

export default function ImportsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-sm text-red-800">
      <p>The imports could not be loaded. Check that the database is reachable, then try again.</p>
      <button onClick={reset} className="mt-3 rounded-md bg-red-700 px-3 py-1.5 text-white">Try again</button>
    </div>
  );
}

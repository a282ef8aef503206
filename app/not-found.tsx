import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center p-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-indigo-700">404</p>
        <h1 className="mt-2 text-2xl font-semibold">Nothing here</h1>
        <p className="mt-2 text-sm text-slate-600">The page or record does not exist, or it was removed.</p>
        <Link href="/imports" className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline">Back to Dealport</Link>
      </div>
    </main>
  );
}

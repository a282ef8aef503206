import Link from "next/link";

export default function ForbiddenPage() {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-indigo-700">403</p>
        <h1 className="mt-2 text-2xl font-semibold">You don’t have access to that page</h1>
        <p className="mt-2 text-sm text-slate-600">Your role does not allow it. Ask an admin if you need access.</p>
        <Link href="/imports" className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline">Back to Dealport</Link>
      </div>
    </main>
  );
}

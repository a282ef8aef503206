import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/app/_lib/guard";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { callbackUrl, error } = await searchParams;
  // Only paths on this app are followed after sign-in.
  const target = safeCallbackPath(callbackUrl);
  if (await currentActor()) redirect(target);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold tracking-tight">Dealport</h1>
        <p className="mt-1 text-sm text-slate-600">Sign in to review imports and pushes.</p>
        <SignInForm callbackUrl={target} initialError={error ? decodeError(error) : undefined} />
      </div>
    </main>
  );
}

function decodeError(code: string) {
  // next-auth passes our authorize() message through; anything else stays generic.
  return code.startsWith("Wrong") || code.startsWith("Too many") ? code : "Sign-in failed. Try again.";
}

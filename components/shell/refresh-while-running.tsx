"use client";

// Live progress without a socket: while a run (import or push) is going, re-render the
// server page every `everyMs`; stops polling once nothing is running.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function RefreshWhileRunning({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}

import { AppError } from "@/lib/errors";

const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery guard for routes that accept the session cookie: a
 * state-changing request without an Authorization header (so authenticated by the
 * cookie, which the browser attaches to cross-site requests too) must carry an Origin
 * naming this app: the request's Host, or the configured public URL (NEXTAUTH_URL)
 * when a proxy rewrites Host. Browsers always send Origin on POST/PATCH/PUT/DELETE;
 * scripts use Bearer tokens, which a cross-site page cannot attach.
 */
export function assertSameOrigin(req: Request, publicUrl?: string): void {
  if (SAFE_METHODS.has(req.method.toUpperCase()) || req.headers.has("authorization")) return;
  const origin = req.headers.get("origin");
  const refuse = (why: string) =>
    new AppError("forbidden", `Cross-site request refused: ${why}. Call from the app's own pages, or send Authorization: Bearer <token>`);
  if (!origin) throw refuse("no Origin header");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw refuse("the Origin header is not a URL");
  }
  const ownHosts = [req.headers.get("host"), publicUrl ? new URL(publicUrl).host : null];
  if (!ownHosts.includes(originHost)) throw refuse(`Origin ${origin.slice(0, 200)} is not this app`);
}

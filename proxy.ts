// Cheap first line only: signed-out page requests go to sign-in with a way back.
// The real checks run on the server in every page, action and route (app/_lib/guard.ts).
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: API routes answer 401 JSON themselves; sign-in and the files in public/ stay public.
  matcher: ["/((?!api/|_next/|sign-in|forbidden|favicon.ico|icon.svg|apple-icon.png|robots.txt).*)"],
};

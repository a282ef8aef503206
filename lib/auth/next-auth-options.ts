// next-auth configuration: credentials sign-in, JWT sessions carrying only the user
// id and session version (role and status are re-read from the database per request).
import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { AppError } from "@/lib/errors";
import { CLIENT_IP_HEADER } from "@/lib/net/client-ip";
import { endSession } from "./end-session";
import { safeRedirectUrl } from "./safe-callback-path";
import { signIn } from "./sign-in";

/** Stamped by the server from the socket and the trusted proxies (lib/net/client-ip.ts), never the client's own claim. */
function clientIp(headers: Record<string, string | string[] | undefined> | undefined) {
  const stamped = headers?.[CLIENT_IP_HEADER];
  return (Array.isArray(stamped) ? stamped[0] : stamped) || "unknown";
}

export const authOptions: AuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          const user = await signIn(credentials, clientIp(req?.headers));
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        } catch (err) {
          // next-auth puts this message in ?error=; only our generic texts get through.
          throw new Error(err instanceof AppError ? err.message : "Sign-in is unavailable right now");
        }
      },
    }),
  ],
  events: {
    async signOut({ token }) {
      if (!token?.userId) return;
      await endSession({ userId: token.userId as string, sessionVersion: (token.sessionVersion as number) ?? 0, email: token.email ?? "" }).catch((err) => {
        // The browser's cookie is cleared either way; say so if the server side failed.
        console.error("[dealport] sign-out could not end the session on the server:", err instanceof Error ? err.message : err);
      });
    },
  },
  callbacks: {
    redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
    jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.userId as string, sessionVersion: token.sessionVersion as number };
    },
  },
};

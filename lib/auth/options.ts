import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env.ts";
import { clientIp } from "../rate-limits/client-ip.ts";
import { SIGN_IN_RATE_LIMITED, signInAllowed } from "../rate-limits/sign-in-limits.ts";
import { authenticate } from "./authenticate.ts";

const THIRTY_DAYS = 30 * 24 * 60 * 60;

/**
 * JWT sessions that carry only the user id and its session version. Nothing about
 * memberships or roles goes into the token: every request reads those from the database.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: THIRTY_DAYS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, request) {
          const headers = (request?.headers ?? {}) as Record<string, string | undefined>;
          const ip = clientIp({ get: (name) => headers[name] ?? null });
          if (!(await signInAllowed(credentials?.email, ip))) throw new Error(SIGN_IN_RATE_LIMITED);
          const claims = await authenticate(credentials);
          return claims ? { id: claims.userId, sessionVersion: claims.sessionVersion } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // On sign-in `user` is what authorize returned; afterwards the token passes through.
        if (user) return { sub: user.id, sv: user.sessionVersion };
        return { sub: token.sub, sv: token.sv };
      },
      session({ session, token }) {
        return { expires: session.expires, userId: token.sub ?? "", sessionVersion: token.sv ?? -1 };
      },
    },
  };
}

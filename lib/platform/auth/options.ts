import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env.ts";
import { clientIp } from "../rate-limits/client-ip.ts";
import { SIGN_IN_RATE_LIMITED, signInAllowed } from "../rate-limits/sign-in-limits.ts";
import { endSession, startSession } from "./sessions.ts";
import { authenticate, EMAIL_NOT_VERIFIED } from "./authenticate.ts";
import { checkSecondFactor, hasSecondFactor, SECOND_FACTOR_REQUIRED } from "./second-factor.ts";
import type { SecondFactorProof } from "./two-factor-schemas.ts";
import { redeemSsoTicket } from "./sso-tickets.ts";

/** The second step the sign-in form sent, if any: a code, or a passkey's answer (JSON). */
function secondFactorProofOf(credentials: Record<string, string> | undefined): SecondFactorProof | null {
  const passkey = credentials?.passkey ?? "";
  if (passkey) return passkey.length <= 16_000 ? { passkey } : null;
  const code = (credentials?.code ?? "").trim();
  return code ? { code: code.slice(0, 40) } : null;
}

/**
 * JWTs that carry only the user id and the id of this sign-in's session row. Nothing about
 * memberships or roles goes into the token: every request reads those, and whether the
 * session still stands, from the database.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env().SESSION_MAX_HOURS * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { type: "email" },
          password: { type: "password" },
          code: { type: "text" },
          passkey: { type: "text" },
          ssoTicket: { type: "text" },
        },
        async authorize(credentials, request) {
          const headers = (request?.headers ?? {}) as Record<string, string | undefined>;
          const ip = clientIp({ get: (name) => headers[name] ?? null });
          // Back from the org's identity provider: the callback checked everything and left a
          // one-minute, single-use ticket; the identity provider stands for both factors.
          if (credentials?.ssoTicket) {
            const redeemed = await redeemSsoTicket(credentials.ssoTicket);
            if (!redeemed) return null;
            const sessionId = await startSession(redeemed.userId, {
              ip,
              userAgent: headers["user-agent"] ?? null,
              ssoOrgId: redeemed.orgId,
              ssoSid: redeemed.ssoSid,
              maxHours: redeemed.sessionHours,
            });
            return { id: redeemed.userId, sessionId };
          }
          if (!(await signInAllowed(credentials?.email, ip))) throw new Error(SIGN_IN_RATE_LIMITED);
          const authenticated = await authenticate(credentials);
          if (authenticated === EMAIL_NOT_VERIFIED) throw new Error(EMAIL_NOT_VERIFIED);
          if (!authenticated) return null;
          // With a second factor set up, no session until it passes too: the form asks for a
          // code or a passkey and sends it with the password again.
          let secondFactorAt: Date | null = null;
          if (await hasSecondFactor(authenticated.userId)) {
            const proof = secondFactorProofOf(credentials);
            if (!proof) throw new Error(SECOND_FACTOR_REQUIRED);
            const passed = await checkSecondFactor(authenticated.userId, proof, ip);
            if (passed !== true) throw new Error(passed);
            secondFactorAt = new Date();
          }
          const sessionId = await startSession(authenticated.userId, { ip, userAgent: headers["user-agent"] ?? null, secondFactorAt });
          return { id: authenticated.userId, sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // On sign-in `user` is what authorize returned; afterwards the token passes through.
        if (user) return { sub: user.id, sid: user.sessionId };
        return { sub: token.sub, sid: token.sid };
      },
      session({ session, token }) {
        return { expires: session.expires, userId: token.sub ?? "", sessionId: token.sid ?? "" };
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sub && token.sid) await endSession(token.sub, token.sid);
      },
    },
  };
}

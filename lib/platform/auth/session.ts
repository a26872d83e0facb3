import "server-only";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import { env } from "../env.ts";
import type { SessionClaims } from "./authenticate.ts";

/**
 * The cookie next-auth sets at sign-in: `__Secure-` prefixed when it judged the site https
 * (from NEXTAUTH_URL or the proxy's headers), plain otherwise; either holds the same
 * encrypted token. The token carries two ids, far below the 4 KB at which next-auth would
 * split it over several cookies.
 */
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * What the signed session token claims; not yet checked against the database. The token is
 * decrypted with the secret and its expiry checked, which is all a page needs from it:
 * next-auth's getServerSession also runs its whole session route on every call (a CSRF
 * token, the callbacks, a re-encrypted token a server component cannot set), 0.6-0.9 ms
 * against 0.2. Whether the session still stands is the database's answer, on every request.
 * The token is read as next-auth's own `decode` reads it, with the key derived once per
 * secret: `decode` derives it (HKDF) anew on every call.
 */
export async function getSessionClaims(): Promise<SessionClaims | null> {
  // A session belongs to one request: never let a page that reads it be prerendered.
  await connection();
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  return token ? readSessionToken(token, env().NEXTAUTH_SECRET) : null;
}

/** The claims of a session token next-auth made with `secret`: null when it does not open, has expired or lacks an id. */
async function readSessionToken(token: string, secret: string): Promise<SessionClaims | null> {
  const claims = await jwtDecrypt(token, sessionKey(secret), { clockTolerance: 15 }).then(
    ({ payload }) => payload,
    () => null,
  );
  if (typeof claims?.sub !== "string" || typeof claims.sid !== "string" || !claims.sub || !claims.sid) return null;
  return { userId: claims.sub, sessionId: claims.sid };
}

let derived: { secret: string; key: Uint8Array } | null = null;

/** next-auth's encryption key for its session tokens (A256GCM, "dir"), derived as next-auth derives it. */
function sessionKey(secret: string): Uint8Array {
  if (derived?.secret !== secret) {
    derived = { secret, key: new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32)) };
  }
  return derived.key;
}

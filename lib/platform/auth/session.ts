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

/**
 * The claims of a session token next-auth made with `secret`: null when it does not open, has
 * expired or lacks an id. A token that opened once is remembered with its expiry (the same
 * bytes open to the same claims under the same key), so a signed-in person's next requests
 * skip the decryption (importing the key, AES-GCM: 0.1-0.2 ms of this process's one thread);
 * the expiry is checked again on every read, as jwtDecrypt checks it.
 */
async function readSessionToken(token: string, secret: string): Promise<SessionClaims | null> {
  const keyed = sessionKey(secret);
  const known = keyed.opened.get(token);
  if (known && Date.now() / 1000 < known.openUntil) return known.claims;
  if (known) {
    keyed.opened.delete(token);
    return null;
  }
  const payload = await jwtDecrypt(token, keyed.key, { clockTolerance: CLOCK_TOLERANCE_SECONDS }).then(
    (opened) => opened.payload,
    () => null,
  );
  if (typeof payload?.sub !== "string" || typeof payload.sid !== "string" || !payload.sub || !payload.sid) return null;
  const claims = { userId: payload.sub, sessionId: payload.sid };
  // next-auth's tokens carry an expiry and no start: any other is opened anew every time.
  if (typeof payload.exp === "number" && payload.nbf === undefined) {
    if (keyed.opened.size >= OPENED_TOKENS_KEPT) keyed.opened.clear();
    keyed.opened.set(token, { claims, openUntil: payload.exp + CLOCK_TOLERANCE_SECONDS });
  }
  return claims;
}

const CLOCK_TOLERANCE_SECONDS = 15;
/** Enough for the people signed in at once on one instance; when full it starts over, which only costs decrypting again. */
const OPENED_TOKENS_KEPT = 2_000;

type SessionKey = { secret: string; key: Uint8Array; opened: Map<string, { claims: SessionClaims; openUntil: number }> };
let derived: SessionKey | null = null;

/** next-auth's encryption key for its session tokens (A256GCM, "dir"), derived as next-auth derives it, with the tokens it opened. */
function sessionKey(secret: string): SessionKey {
  if (derived?.secret !== secret) {
    derived = { secret, key: new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32)), opened: new Map() };
  }
  return derived;
}

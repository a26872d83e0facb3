import "server-only";
import { afterResponse } from "../after-response.ts";
import { recordFailedSignIn } from "../audit/record-refusals.ts";
import { db } from "../db.ts";
import { signInSchema } from "./schemas.ts";
import { emailVerificationRequired, sendVerificationMail } from "./email-verification.ts";
import { verifyAgainstDummy, verifyPassword } from "./password.ts";

/** What a session token says: whose it is and which sign-in (a user_sessions row). */
export type SessionClaims = { userId: string; sessionId: string };

/** A sign-in that is right in every way but one: the address was never confirmed. */
export const EMAIL_NOT_VERIFIED = "EMAIL_NOT_VERIFIED";

/**
 * Checks an email and password. Returns null for every failure alike (no such account,
 * wrong password, disabled account), at the same cost: an unknown address is checked
 * against a dummy hash, and the failed attempt is recorded after the response. With mail
 * set up, a right password for an unconfirmed address sends a new confirmation link and
 * says so instead of signing in.
 */
export async function authenticate(credentials: unknown): Promise<{ userId: string } | typeof EMAIL_NOT_VERIFIED | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true, disabledAt: true, emailVerifiedAt: true, kind: true },
  });
  // A machine identity never signs in to the console: it is treated as no account at all.
  if (!user || user.kind !== "PERSON") {
    await verifyAgainstDummy(password);
    return null;
  }
  const valid = await verifyPassword(user.passwordHash, password);
  if (!valid) await afterResponse(() => recordFailedSignIn(user.id, email));
  if (!valid || user.disabledAt) return null;
  if (emailVerificationRequired() && !user.emailVerifiedAt) {
    await afterResponse(() => sendVerificationMail(user));
    return EMAIL_NOT_VERIFIED;
  }
  return { userId: user.id };
}

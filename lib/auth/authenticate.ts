import "server-only";
import { recordFailedSignIn } from "../audit/record-refusals.ts";
import { db } from "../db.ts";
import { signInSchema } from "../users/schemas.ts";
import { verifyAgainstDummy, verifyPassword } from "./password.ts";

/** What a session token says: whose it is and which sign-in (a user_sessions row). */
export type SessionClaims = { userId: string; sessionId: string };

/**
 * Checks an email and password. Returns null for every failure alike (no such account,
 * wrong password, disabled account) so that sign-in never reveals which one it was.
 */
export async function authenticate(credentials: unknown): Promise<{ userId: string } | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  if (!user) {
    await verifyAgainstDummy(password);
    return null;
  }
  const valid = await verifyPassword(user.passwordHash, password);
  if (!valid) await recordFailedSignIn(user.id, email);
  if (!valid || user.disabledAt) return null;
  return { userId: user.id };
}

import "server-only";
import { connection } from "next/server";
import { getServerSession } from "next-auth/next";
import type { SessionClaims } from "./authenticate.ts";
import { authOptions } from "./options.ts";

/** What the signed session token claims; not yet checked against the database. */
export async function getSessionClaims(): Promise<SessionClaims | null> {
  // A session belongs to one request: never let a page that reads it be prerendered.
  await connection();
  const session = await getServerSession(authOptions());
  if (!session?.userId || !session.sessionId) return null;
  return { userId: session.userId, sessionId: session.sessionId };
}

import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "../auth/actor.ts";
import type { SessionClaims } from "../auth/authenticate.ts";
import { getSessionClaims } from "../auth/session.ts";
import { db } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { sessionStandsSql, touchingSession } from "../auth/session-sql.ts";

/**
 * The session token only names a user and a session; whether that still stands (not signed
 * out, not idle or expired, account not disabled) is read from the database on every request.
 */
export async function loadActor(claims: SessionClaims): Promise<Actor | null> {
  const [user] = await db().$queryRaw<Array<{ id: string; name: string; email: string }>>(
    touchingSession(claims, Prisma.sql`SELECT u.id, u.name, u.email FROM users u WHERE ${sessionStandsSql(claims)}`),
  );
  return user ? { userId: user.id, name: user.name, email: user.email } : null;
}

/** Once per request, however many components ask. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const claims = await getSessionClaims();
  return claims ? loadActor(claims) : null;
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

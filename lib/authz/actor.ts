import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { SessionClaims } from "../auth/authenticate.ts";
import { getSessionClaims } from "../auth/session.ts";
import { db } from "../db.ts";

/** The signed-in person making this request, as the database says now. */
export type Actor = { userId: string; name: string; email: string };

/**
 * The session only names a user and a session version; whether that still stands
 * (not signed out everywhere, not disabled) is read from the database on every request.
 */
export async function loadActor(claims: SessionClaims): Promise<Actor | null> {
  const user = await db().user.findFirst({
    where: { id: claims.userId, sessionVersion: claims.sessionVersion, disabledAt: null },
    select: { id: true, name: true, email: true },
  });
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

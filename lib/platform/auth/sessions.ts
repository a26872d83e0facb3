import "server-only";
import type { Actor } from "./actor.ts";
import { db, type Tx } from "../db.ts";
import { env } from "../env.ts";
import { NotFoundError } from "../errors.ts";
import { sessionRefSchema } from "./session-schemas.ts";

export type SessionSummary = {
  id: string;
  current: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
};

/**
 * A new session for a sign-in that just succeeded; its id goes into the session token.
 * `maxHours` shortens it (an org's limit on sessions from its identity provider).
 */
export async function startSession(
  userId: string,
  origin: { ip: string | null; userAgent: string | null; secondFactorAt?: Date | null; ssoOrgId?: string; ssoSid?: string | null; maxHours?: number | null },
  client: Pick<Tx, "userSession"> = db(),
): Promise<string> {
  const hours = Math.min(env().SESSION_MAX_HOURS, origin.maxHours ?? Infinity);
  const { id } = await client.userSession.create({
    data: {
      userId,
      expiresAt: new Date(Date.now() + hours * 60 * 60 * 1000),
      ipAddress: origin.ip,
      userAgent: origin.userAgent?.slice(0, 500) ?? null,
      secondFactorAt: origin.secondFactorAt ?? null,
      ssoOrgId: origin.ssoOrgId ?? null,
      ssoSid: origin.ssoSid?.slice(0, 255) ?? null,
    },
    select: { id: true },
  });
  return id;
}

/** Signing out: the token may live on in a copied cookie, the session does not. */
export async function endSession(userId: string, sessionId: string): Promise<void> {
  await db().userSession.deleteMany({ where: { id: sessionId, userId } });
}

/** The actor's sessions that still stand, most recently used first; `currentSessionId` is this request's. */
export async function listSessions(actor: Actor, currentSessionId: string | null): Promise<SessionSummary[]> {
  const sessions = await db().userSession.findMany({
    where: {
      userId: actor.userId,
      expiresAt: { gt: new Date() },
      lastSeenAt: { gt: new Date(Date.now() - env().SESSION_IDLE_MINUTES * 60 * 1000) },
    },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: 100,
    select: { id: true, createdAt: true, lastSeenAt: true, ipAddress: true, userAgent: true },
  });
  return sessions.map((session) => ({ ...session, current: session.id === currentSessionId }));
}

/** Ends one of the actor's own sessions (another device, or this one). */
export async function signOutSession(actor: Actor, input: { sessionId: string }): Promise<void> {
  const { sessionId } = sessionRefSchema.parse(input);
  const { count } = await db().userSession.deleteMany({ where: { id: sessionId, userId: actor.userId } });
  if (count === 0) throw new NotFoundError("No such session");
}

/** Ends every session of the user, this one included. */
export async function signOutEverywhere(actor: Pick<Actor, "userId">, client: Pick<Tx, "userSession"> = db()): Promise<void> {
  await client.userSession.deleteMany({ where: { userId: actor.userId } });
}

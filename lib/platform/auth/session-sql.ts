import "server-only";
import type { SessionClaims } from "./authenticate.ts";
import { env } from "../env.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/**
 * The session lookups every actor loader shares. `u` must be the users row in scope.
 * A session stands while its row exists (signing out deletes it), before its absolute
 * expiry, and while it was seen within the idle limit.
 */
export function sessionStandsSql(claims: SessionClaims): Prisma.Sql {
  return Prisma.sql`
    u.id = ${claims.userId}::uuid
    AND u.disabled_at IS NULL
    AND EXISTS (SELECT 1 FROM user_sessions s
                 WHERE s.id = ${claims.sessionId}::uuid AND s.user_id = u.id
                   AND s.expires_at > now()
                   AND s.last_seen_at > now() - make_interval(mins => ${env().SESSION_IDLE_MINUTES}))`;
}

/**
 * Prefixes a loader's statement with a data-modifying CTE that records activity, at most once
 * a minute per session, so the idle limit and "last seen" cost no extra round trip.
 */
export function touchingSession(claims: SessionClaims, statement: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH touched AS (
      UPDATE user_sessions SET last_seen_at = now()
       WHERE id = ${claims.sessionId}::uuid AND user_id = ${claims.userId}::uuid
         AND last_seen_at < now() - interval '1 minute'
         AND expires_at > now()
         AND last_seen_at > now() - make_interval(mins => ${env().SESSION_IDLE_MINUTES})
      RETURNING 1)
    ${statement}`;
}

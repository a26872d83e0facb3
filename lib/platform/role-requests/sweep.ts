import "server-only";
import { db } from "../db.ts";

const BATCH = 500;

/**
 * Marks requested roles that no longer stand as ended: their time is up, or the grant they made
 * is gone (the member was removed from the project, or an admin changed their roles). Access
 * already stopped (every check reads the grants) and the grant sweep records an expiry in the
 * audit log; this keeps the requests' own state true. Claimed with SKIP LOCKED, so instances
 * sweeping together each take different rows.
 */
export async function endExpiredRoleRequests(): Promise<number> {
  let ended = 0;
  for (;;) {
    const count = await db().$executeRaw`
      UPDATE role_requests r SET status = 'ENDED', ended_at = LEAST(r.expires_at, now()), updated_at = now()
       WHERE r.id IN (
         SELECT q.id FROM role_requests q
          WHERE q.status = 'ACTIVE'
            AND (q.expires_at <= now() OR NOT EXISTS (
                  SELECT 1 FROM project_role_grants g JOIN project_memberships pm ON pm.id = g.project_membership_id
                   WHERE pm.project_id = q.project_id AND pm.user_id = q.requester_id AND g.role = q.role
                     AND (g.expires_at IS NULL OR g.expires_at > now())))
          LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`;
    ended += count;
    if (count < BATCH) return ended;
  }
}

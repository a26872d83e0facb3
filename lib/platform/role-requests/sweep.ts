import "server-only";
import { db } from "../db.ts";

const BATCH = 500;

/**
 * Marks requested roles whose time is up as ended. Access already stopped at that instant
 * (every check compares the grant's expiry with now()) and the grant sweep records it in the
 * audit log; this keeps the requests' own state true. Claimed with SKIP LOCKED, so instances
 * sweeping together each take different rows.
 */
export async function endExpiredRoleRequests(): Promise<number> {
  let ended = 0;
  for (;;) {
    const count = await db().$executeRaw`
      UPDATE role_requests SET status = 'ENDED', ended_at = expires_at, updated_at = now()
       WHERE id IN (SELECT id FROM role_requests WHERE status = 'ACTIVE' AND expires_at <= now() LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`;
    ended += count;
    if (count < BATCH) return ended;
  }
}

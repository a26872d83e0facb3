import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "../db.ts";
import { db } from "../db.ts";

const TICKET_SECONDS = 60;
const hashOf = (ticket: string) => createHash("sha256").update(ticket).digest("hex");

/** A finished SSO sign-in, to be redeemed once by the browser for a session (in the URL fragment). */
export async function createSsoTicket(tx: Pick<Tx, "ssoTicket">, userId: string, orgId: string, ssoSid: string | null): Promise<string> {
  const ticket = randomBytes(32).toString("base64url");
  await tx.ssoTicket.create({ data: { tokenHash: hashOf(ticket), userId, orgId, ssoSid, expiresAt: new Date(Date.now() + TICKET_SECONDS * 1000) } });
  return ticket;
}

/**
 * Redeems a ticket once, within its minute, for a person who is still active; null otherwise.
 * `sessionHours`: the org's limit on sessions that come through its provider (null: none);
 * `ssoSid`: the provider's session, which its back-channel logout may end.
 */
export async function redeemSsoTicket(ticket: string): Promise<{ userId: string; orgId: string; sessionHours: number | null; ssoSid: string | null } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return null;
  const [row] = await db().$queryRaw<Array<{ user_id: string; org_id: string; session_hours: number | null; sso_sid: string | null }>>`
    DELETE FROM sso_tickets t USING users u
     WHERE t.token_hash = ${hashOf(ticket)} AND t.expires_at > now() AND u.id = t.user_id AND u.disabled_at IS NULL
    RETURNING t.user_id, t.org_id, t.sso_sid, (SELECT sc.session_hours FROM sso_connections sc WHERE sc.org_id = t.org_id) AS session_hours`;
  return row ? { userId: row.user_id, orgId: row.org_id, sessionHours: row.session_hours, ssoSid: row.sso_sid } : null;
}

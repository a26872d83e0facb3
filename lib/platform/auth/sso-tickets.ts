import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "../db.ts";
import { db } from "../db.ts";

const TICKET_SECONDS = 60;
const hashOf = (ticket: string) => createHash("sha256").update(ticket).digest("hex");

/** A finished SSO sign-in, to be redeemed once by the browser for a session (in the URL fragment). */
export async function createSsoTicket(tx: Pick<Tx, "ssoTicket">, userId: string, orgId: string): Promise<string> {
  const ticket = randomBytes(32).toString("base64url");
  await tx.ssoTicket.create({ data: { tokenHash: hashOf(ticket), userId, orgId, expiresAt: new Date(Date.now() + TICKET_SECONDS * 1000) } });
  return ticket;
}

/** Redeems a ticket once, within its minute, for a person who is still active; null otherwise. */
export async function redeemSsoTicket(ticket: string): Promise<{ userId: string; orgId: string } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return null;
  const [row] = await db().$queryRaw<Array<{ user_id: string; org_id: string }>>`
    DELETE FROM sso_tickets t USING users u
     WHERE t.token_hash = ${hashOf(ticket)} AND t.expires_at > now() AND u.id = t.user_id AND u.disabled_at IS NULL
    RETURNING t.user_id, t.org_id`;
  return row ? { userId: row.user_id, orgId: row.org_id } : null;
}

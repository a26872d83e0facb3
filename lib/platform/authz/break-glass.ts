import "server-only";
import { afterResponse } from "../after-response.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db } from "../db.ts";
import { mailConfigured, publicUrl, sendMail } from "../mail/send-mail.ts";
import type { Actor } from "../auth/actor.ts";

/** Who opened which org (an OrgAccess fits). */
type Opened = { org: { id: string; name: string; slug: string }; actor: Actor };

/**
 * An Admin opened an org that enforces single sign-on with a password session: allowed (the
 * way back in when the provider is down), and on record once per session — an audit event and
 * a mail to every Admin of the org — after the response.
 */
export async function recordBreakGlassLater(access: Opened): Promise<void> {
  const sessionId = access.actor.sessionId;
  if (!sessionId) return;
  await afterResponse(() => recordBreakGlass(access, sessionId));
}

async function recordBreakGlass(access: Opened, sessionId: string): Promise<void> {
  const first = await db().$queryRaw<Array<{ one: number }>>`
    INSERT INTO sso_break_glass (session_id, org_id, user_id) VALUES (${sessionId}::uuid, ${access.org.id}::uuid, ${access.actor.userId}::uuid)
    ON CONFLICT DO NOTHING RETURNING 1 AS one`;
  if (first.length === 0) return;
  await recordAuditEvent(db(), {
    orgId: access.org.id,
    actorId: access.actor.userId,
    action: "sso.break-glass",
    target: { type: "organization", id: access.org.id },
    metadata: { sessionId },
  });
  if (!mailConfigured()) return;
  const admins = await db().orgMembership.findMany({ where: { orgId: access.org.id, role: "admin" }, select: { user: { select: { email: true } } } });
  for (const admin of admins) {
    await sendMail({
      to: admin.user.email,
      subject: `Tessera: ${access.actor.name} opened ${access.org.name} without single sign-on`,
      lines: [
        `${access.actor.name} (${access.actor.email}) signed in with a password and opened ${access.org.name}, which requires single sign-on.`,
        "Admins keep this way in for when the identity provider is down. If this was not expected, check the audit log:",
        publicUrl(`/orgs/${access.org.slug}/audit-log`),
      ],
    });
  }
}

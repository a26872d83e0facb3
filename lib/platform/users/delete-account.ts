import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import type { OrgRoleSlug } from "../authz/built-in-roles.ts";
import { verifyPassword } from "../auth/password.ts";
import { db, type Tx } from "../db.ts";
import { RefusedError, ValidationError } from "../errors.ts";
import { assertNoProjectLosesItsLastAdmin, soleAdminProjects } from "../project-members/sole-admin-projects.ts";
import { deleteAccountSchema, type DeleteAccountInput } from "./schemas.ts";

const ADMIN: OrgRoleSlug = "admin";

type Membership = { id: string; org_id: string; org_name: string; org_slug: string; role: string; other_admins: number };

/**
 * The actor's org memberships with how many other Admins each org has. With `lock`, the
 * org rows are locked (in id order, so two deletions cannot deadlock) and the counts
 * cannot change until the transaction ends.
 */
async function membershipsOf(client: Pick<Tx, "$queryRaw">, userId: string, lock: boolean): Promise<Membership[]> {
  if (lock) {
    await client.$queryRaw`
      SELECT o.id FROM organizations o JOIN org_memberships m ON m.org_id = o.id
       WHERE m.user_id = ${userId}::uuid ORDER BY o.id FOR UPDATE OF o`;
  }
  return client.$queryRaw<Membership[]>`
    SELECT m.id, o.id AS org_id, o.name AS org_name, o.slug AS org_slug, m.role,
           (SELECT count(*)::int FROM org_memberships a
             WHERE a.org_id = o.id AND a.role = ${ADMIN} AND a.id <> m.id) AS other_admins
      FROM org_memberships m JOIN organizations o ON o.id = m.org_id
     WHERE m.user_id = ${userId}::uuid
     ORDER BY o.name, o.id`;
}

/** Projects that would be left without an Admin if the actor's account went: they block deletion too. */
export function projectsBlockingAccountDeletion(actor: Actor): Promise<Array<{ id: string; name: string }>> {
  return soleAdminProjects(db(), actor.userId, null, false);
}

/** Orgs that would be left without an Admin if the actor's account went: they block deletion. */
export async function orgsBlockingAccountDeletion(actor: Actor): Promise<Array<{ name: string; slug: string }>> {
  const memberships = await membershipsOf(db(), actor.userId, false);
  return memberships.filter((m) => m.role === ADMIN && m.other_admins === 0).map((m) => ({ name: m.org_name, slug: m.org_slug }));
}

/**
 * Deletes the actor's account after checking their password. Refused while they are the
 * last Admin of any org: two last-but-one Admins deleting their accounts at once cannot
 * both succeed, because each locks the rows of the orgs they belong to first.
 */
export async function deleteAccount(actor: Actor, input: DeleteAccountInput): Promise<void> {
  const { password } = deleteAccountSchema.parse(input);
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, password))) throw ValidationError.field("password", "That is not your password.");
  await db().$transaction(async (tx) => {
    const memberships = await membershipsOf(tx, actor.userId, true);
    const stranded = memberships.filter((m) => m.role === ADMIN && m.other_admins === 0).map((m) => m.org_name);
    if (stranded.length > 0) {
      throw new RefusedError(
        `You are the last Admin of ${stranded.join(", ")}. Make someone else an Admin there, or delete ${stranded.length === 1 ? "that organization" : "those organizations"}, before deleting your account.`,
      );
    }
    await assertNoProjectLosesItsLastAdmin(tx, actor.userId, null, "you");
    for (const membership of memberships) {
      await recordAuditEvent(tx, {
        orgId: membership.org_id,
        actorId: actor.userId,
        action: "member.left",
        target: { type: "user", id: actor.userId },
        metadata: { role: membership.role, email: actor.email, reason: "account-deleted" },
      });
    }
    await tx.user.delete({ where: { id: actor.userId } });
  });
}

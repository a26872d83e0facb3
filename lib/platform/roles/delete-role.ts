import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { holdsEveryPermission } from "../authz/boundary.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "../errors.ts";
import { deleteRoleFieldsSchema, type DeleteRoleInput } from "./schemas.ts";
import { assertCanGrant, resolveRole, type RoleScope } from "./scope.ts";

/**
 * Deletes a custom role and, in the same transaction, moves everything that held it —
 * members, pending invitations, invite links — to the chosen role.
 */
export async function deleteRole(scope: RoleScope, input: DeleteRoleInput): Promise<{ moved: number }> {
  if (!scope.actor.can("role:delete")) throw new ForbiddenError("role:delete");
  const { roleSlug, reassignTo } = deleteRoleFieldsSchema.parse(input);
  if (roleSlug === reassignTo) throw ValidationError.field("reassignTo", "Choose another role for its members.");
  return db().$transaction(async (tx) => {
    const role = await resolveRole(tx, scope, roleSlug);
    if (!role) throw new NotFoundError("No such role");
    if (role.builtIn) throw new RefusedError("Built-in roles cannot be deleted.");
    if (!holdsEveryPermission(scope.actor, role.rules)) {
      throw new RefusedError("This role allows something you do not hold, so you cannot take it away from its members.");
    }
    await assertCanGrant(scope, [reassignTo], "reassignTo", tx);
    let moved: number;
    if (scope.kind === "org") {
      ({ count: moved } = await tx.orgMembership.updateMany({ where: { orgId: scope.orgId, role: roleSlug }, data: { role: reassignTo } }));
      await tx.invitation.updateMany({ where: { orgId: scope.orgId, role: roleSlug, acceptedAt: null }, data: { role: reassignTo } });
      await tx.inviteLink.updateMany({ where: { orgId: scope.orgId, role: roleSlug }, data: { role: reassignTo } });
    } else {
      const projectId = scope.projectId!;
      // A member who already holds the target role keeps that grant; the other one goes.
      const merged = await tx.$executeRaw`
        DELETE FROM project_role_grants g USING project_memberships pm
         WHERE g.project_membership_id = pm.id AND pm.project_id = ${projectId}::uuid AND g.role = ${roleSlug}
           AND EXISTS (SELECT 1 FROM project_role_grants t WHERE t.project_membership_id = g.project_membership_id AND t.role = ${reassignTo})`;
      const renamed = await tx.$executeRaw`
        UPDATE project_role_grants g SET role = ${reassignTo} FROM project_memberships pm
         WHERE g.project_membership_id = pm.id AND pm.project_id = ${projectId}::uuid AND g.role = ${roleSlug}`;
      moved = merged + renamed;
      await tx.invitationProjectRole.updateMany({ where: { projectId, role: roleSlug }, data: { role: reassignTo } });
      await tx.inviteLinkProjectRole.updateMany({ where: { projectId, role: roleSlug }, data: { role: reassignTo } });
    }
    await tx.customRole.delete({ where: { id: role.id! } });
    await recordAuditEvent(tx, {
      orgId: scope.orgId,
      actorId: scope.actor.userId,
      action: "role.deleted",
      target: { type: "role", id: role.id! },
      metadata: { scope: scope.kind, projectId: scope.projectId, slug: roleSlug, name: role.name, reassignedTo: reassignTo, moved },
    });
    return { moved };
  });
}

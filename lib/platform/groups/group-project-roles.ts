import "server-only";
import { recordProjectEvent } from "../audit/record-audit-event.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { contendedTransaction, type Tx } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { assertCanGrantRoles, keepingProjectAdmins } from "../project-members/guards.ts";
import { roleNamesIn } from "../roles/role-names.ts";
import { plans } from "../billing/plans.ts";
import { PlanFeatureError } from "../billing/limits.ts";
import { removeGroupFromProjectSchema, setGroupProjectRolesSchema, type RemoveGroupFromProjectInput, type SetGroupProjectRolesInput } from "./schemas.ts";

const LAST_ADMIN = "This group gives the project's last Admin role. Make someone else an Admin first.";

async function groupInOrg(tx: Tx, access: ProjectAccess, groupId: string) {
  const group = await tx.group.findFirst({
    where: { id: groupId, orgId: access.orgAccess.org.id },
    select: { id: true, name: true, projectRoles: { where: { projectId: access.project.id }, select: { role: true, expiresAt: true } } },
  });
  if (!group) throw new NotFoundError("No such group");
  return group;
}

/**
 * Sets a group's roles in the project (adding the group when it had none): each member holds
 * them on their next request. Like a person's roles: the actor must hold both the roles given
 * and those taken away, and the project keeps an Admin.
 */
export async function setGroupProjectRoles(access: ProjectAccess, input: SetGroupProjectRolesInput): Promise<void> {
  if (!access.can("member:edit-role")) throw new ForbiddenError("member:edit-role");
  const { groupId, grants } = setGroupProjectRolesSchema.parse(input);
  const { project, orgAccess } = access;
  const plan = plans()[orgAccess.org.plan];
  if (!plan.features.groups) throw new PlanFeatureError("groups", plan.name);
  await contendedTransaction(async (tx) => {
    const group = await groupInOrg(tx, access, groupId);
    if (group.projectRoles.length === 0 && !access.can("member:add")) throw new ForbiddenError("member:add");
    await assertCanGrantRoles(access, [...grants.map((grant) => grant.role), ...group.projectRoles.map((grant) => grant.role)], "grants", tx);
    await keepingProjectAdmins(
      tx,
      [project.id],
      () => LAST_ADMIN,
      async () => {
        await tx.groupProjectRole.deleteMany({ where: { groupId, projectId: project.id } });
        await tx.groupProjectRole.createMany({
          data: grants.map((grant) => ({ groupId, projectId: project.id, role: grant.role, expiresAt: grant.expiresAt, addedById: orgAccess.actor.userId })),
        });
      },
    );
    const names = await roleNamesIn(orgAccess.org.id, tx);
    const describe = (list: ReadonlyArray<{ role: string }>) => list.map((grant) => names.project(project.id, grant.role)).join(", ") || "no role";
    await recordProjectEvent(tx, access, {
      action: "group.project-roles-changed",
      target: { type: "group", id: groupId, label: group.name },
      summary: `${describe(group.projectRoles)} → ${describe(grants)}`,
      metadata: {
        before: group.projectRoles.map((grant) => ({ role: grant.role, expiresAt: grant.expiresAt?.toISOString() ?? null })),
        after: grants.map((grant) => ({ role: grant.role, expiresAt: grant.expiresAt?.toISOString() ?? null })),
      },
    });
  });
}

/** Takes every role the group holds in the project away (its members keep their own). */
export async function removeGroupFromProject(access: ProjectAccess, input: RemoveGroupFromProjectInput): Promise<void> {
  if (!access.can("member:remove")) throw new ForbiddenError("member:remove");
  const { groupId } = removeGroupFromProjectSchema.parse(input);
  await contendedTransaction(async (tx) => {
    const group = await groupInOrg(tx, access, groupId);
    if (group.projectRoles.length === 0) throw new NotFoundError("This group has no role here");
    await assertCanGrantRoles(
      access,
      group.projectRoles.map((grant) => grant.role),
      "grants",
      tx,
    );
    await keepingProjectAdmins(
      tx,
      [access.project.id],
      () => LAST_ADMIN,
      () => tx.groupProjectRole.deleteMany({ where: { groupId, projectId: access.project.id } }),
    );
    await recordProjectEvent(tx, access, {
      action: "group.project-removed",
      target: { type: "group", id: groupId, label: group.name },
      metadata: { roles: group.projectRoles.map((grant) => grant.role) },
    });
  });
}

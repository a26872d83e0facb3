import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { loadMemberProjectAccesses } from "../authz/project-access.ts";
import type { Tx } from "../db.ts";
import { NotFoundError, RefusedError, ValidationError } from "../errors.ts";
import { assertCanGrant, orgRoleScope, projectRoleScope } from "../roles/scope.ts";

/** A group of the actor's org with what it gives its members. */
export type GroupHoldings = {
  id: string;
  name: string;
  slug: string;
  description: string;
  orgRole: string | null;
  /** Made and filled by the org's identity provider (SCIM). */
  scimManaged: boolean;
  projectRoles: Array<{ projectId: string; role: string; expiresAt: Date | null }>;
};

/** The group by id, in the actor's org only: another org's group is not found, the same as none. */
export async function readGroupHoldings(client: Pick<Tx, "group">, access: OrgAccess, groupId: string): Promise<GroupHoldings> {
  const group = await client.group.findFirst({
    where: { id: groupId, orgId: access.org.id },
    select: {
      id: true,
      name: true,
      slug: true,
      description: true,
      orgRole: true,
      scimManaged: true,
      projectRoles: { select: { projectId: true, role: true, expiresAt: true } },
    },
  });
  if (!group) throw new NotFoundError("No such group");
  return group;
}

/**
 * The boundary rule through groups: whoever puts someone in a group, takes someone out, or
 * gives or takes the group's roles, must hold everything those roles allow — the org role
 * in the org, each project role in its project — as if granting them one by one.
 */
export async function assertHoldsWhatGroupGives(
  client: Pick<Tx, "$queryRaw" | "customRole">,
  access: OrgAccess,
  gives: { orgRoles: readonly string[]; projectRoles: ReadonlyArray<{ projectId: string; role: string }> },
  field: string,
): Promise<void> {
  if (gives.orgRoles.length > 0) await assertCanGrant(orgRoleScope(access), gives.orgRoles, field, client);
  const projectIds = [...new Set(gives.projectRoles.map((grant) => grant.projectId))];
  if (projectIds.length === 0) return;
  const accesses = new Map((await loadMemberProjectAccesses(access, projectIds, client)).map((projectAccess) => [projectAccess.project.id, projectAccess]));
  for (const projectId of projectIds) {
    const projectAccess = accesses.get(projectId);
    if (!projectAccess) {
      throw ValidationError.field(field, "This group holds roles in a project you are not in, so you cannot change who gets them.");
    }
    const roles = gives.projectRoles.filter((grant) => grant.projectId === projectId).map((grant) => grant.role);
    try {
      await assertCanGrant(projectRoleScope(projectAccess), roles, field, client);
    } catch (error) {
      if (error instanceof ValidationError) {
        const message = error.fieldErrors[field]?.[0] ?? "";
        throw ValidationError.field(field, `In ${projectAccess.project.name}: ${message}`);
      }
      throw error;
    }
  }
}

/** A provisioned group's name and members are the identity provider's: changed there, not here. */
export function assertNotProvisioned(group: Pick<GroupHoldings, "scimManaged">, change: string): void {
  if (group.scimManaged) throw new RefusedError(`This group is provisioned by the organization's identity provider: ${change} there.`);
}

/** Everything a group gives, as the boundary rule takes it. */
export function givenBy(group: Pick<GroupHoldings, "orgRole" | "projectRoles">) {
  return { orgRoles: group.orgRole ? [group.orgRole] : [], projectRoles: group.projectRoles };
}

import "server-only";
import { holdsEveryPermission } from "../authz/boundary.ts";
import { allowedPermissions } from "../authz/privilege.ts";
import { summarizeRules } from "../authz/summarize-rules.ts";
import type { ProductType } from "../authz/catalogue.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { loadMemberProjectAccesses } from "../authz/project-access.ts";
import { db, type Tx } from "../db.ts";
import { ValidationError } from "../errors.ts";
import { customRolesOf } from "../roles/list-roles.ts";
import { assertCanGrant, projectRoleScope } from "../roles/scope.ts";
import type { ProjectRoleOffer } from "./schemas.ts";

export type GrantableProject = {
  id: string;
  name: string;
  slug: string;
  type: ProductType;
  /** With what each allows, in words and as permissions, for the pickers that explain a choice. */
  roles: Array<{ slug: string; label: string; allows: string[]; permissions: string[] }>;
};

/** A project role as people read it: which role, in which project. */
export type NamedProjectRole = { projectName: string; role: string; roleName: string };

/**
 * Projects the actor may add people to, each with the roles (built-in and the project's
 * own) they may hand out there: what an invitation or invite link can offer.
 */
export async function listGrantableProjects(access: OrgAccess): Promise<GrantableProject[]> {
  const accesses = (await loadMemberProjectAccesses(access)).filter((projectAccess) => projectAccess.can("member:add"));
  const scopes = accesses.map(projectRoleScope);
  const customByScope = await customRolesOf(scopes);
  return accesses.map((projectAccess, index) => {
    const scope = scopes[index]!;
    const roles = [...scope.builtIns, ...(customByScope.get(scope.key) ?? [])]
      .filter((role) => holdsEveryPermission(scope.actor, role.rules))
      .map((role) => ({
        slug: role.slug,
        label: role.name,
        allows: summarizeRules(role.rules, scope.subjects),
        permissions: allowedPermissions(role.rules, scope.subjects),
      }));
    const { id, name, slug, type } = projectAccess.project;
    return { id, name, slug, type, roles };
  });
}

/**
 * Refuses offering a project role the actor could not grant by adding the person to that
 * project themselves. Projects of other orgs, or ones the actor cannot see, fail alike.
 */
export async function assertCanOfferProjectRoles(
  access: OrgAccess,
  offers: readonly ProjectRoleOffer[],
  client: Pick<Tx, "$queryRaw" | "customRole"> = db(),
): Promise<NamedProjectRole[]> {
  if (offers.length === 0) return [];
  const accesses = new Map(
    (
      await loadMemberProjectAccesses(
        access,
        offers.map((offer) => offer.projectId),
        client,
      )
    ).map((projectAccess) => [projectAccess.project.id, projectAccess]),
  );
  const named: NamedProjectRole[] = [];
  for (const offer of offers) {
    const projectAccess = accesses.get(offer.projectId);
    if (!projectAccess?.can("member:add")) {
      throw ValidationError.field("projectRoles", "You can only add people to projects where you may add members.");
    }
    const [role] = await assertCanGrant(projectRoleScope(projectAccess), [offer.role], "projectRoles", client);
    named.push({ projectName: projectAccess.project.name, role: offer.role, roleName: role!.name });
  }
  return named;
}

/**
 * Grants the offered project roles to someone who just joined (or already belonged to)
 * the org, inside the joining transaction. A role they already hold becomes permanent.
 */
export async function grantOfferedProjectRoles(
  tx: Tx,
  member: { orgMembershipId: string; userId: string },
  offers: ReadonlyArray<{ projectId: string; role: string }>,
): Promise<void> {
  for (const offer of offers) {
    const membership = await tx.projectMembership.upsert({
      where: { projectId_userId: { projectId: offer.projectId, userId: member.userId } },
      create: { projectId: offer.projectId, userId: member.userId, orgMembershipId: member.orgMembershipId },
      update: {},
      select: { id: true },
    });
    await tx.projectRoleGrant.upsert({
      where: { projectMembershipId_role: { projectMembershipId: membership.id, role: offer.role } },
      create: { projectMembershipId: membership.id, role: offer.role },
      update: { expiresAt: null },
    });
  }
}

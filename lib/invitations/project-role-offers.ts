import "server-only";
import { BUILT_IN_PROJECT_ROLES, type ProjectRoleSlug } from "../authz/built-in-roles.ts";
import { holdsEveryPermission } from "../authz/boundary.ts";
import { projectRoleRules } from "../authz/built-in-roles.ts";
import type { ProductType } from "../authz/catalogue.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { loadMemberProjectAccesses } from "../authz/project-access.ts";
import type { Tx } from "../db.ts";
import { ValidationError } from "../errors.ts";
import type { ProjectRoleOffer } from "./schemas.ts";

export type GrantableProject = {
  id: string;
  name: string;
  type: ProductType;
  roles: Array<{ slug: ProjectRoleSlug; label: string }>;
};

/** A project role as people read it: in which project. */
export type NamedProjectRole = { projectName: string; role: string };

/**
 * Projects the actor may add people to, each with the roles they may hand out there:
 * what an invitation or invite link can offer (the boundary rule, per project).
 */
export async function listGrantableProjects(access: OrgAccess): Promise<GrantableProject[]> {
  const accesses = await loadMemberProjectAccesses(access);
  return accesses.flatMap((projectAccess) => {
    if (!projectAccess.can("member:add")) return [];
    const roles = (Object.keys(BUILT_IN_PROJECT_ROLES) as ProjectRoleSlug[])
      .filter((role) => holdsEveryPermission(projectAccess, projectRoleRules(role, projectAccess.project.type)))
      .map((slug) => ({ slug, label: BUILT_IN_PROJECT_ROLES[slug].label }));
    const { id, name, type } = projectAccess.project;
    return [{ id, name, type, roles }];
  });
}

/**
 * Refuses offering a project role the actor could not grant by adding the person to that
 * project themselves. Projects of other orgs, or ones the actor cannot see, fail alike.
 */
export async function assertCanOfferProjectRoles(access: OrgAccess, offers: readonly ProjectRoleOffer[]): Promise<NamedProjectRole[]> {
  if (offers.length === 0) return [];
  const accesses = new Map(
    (await loadMemberProjectAccesses(access, offers.map((offer) => offer.projectId))).map((projectAccess) => [projectAccess.project.id, projectAccess]),
  );
  for (const offer of offers) {
    const projectAccess = accesses.get(offer.projectId);
    if (!projectAccess?.can("member:add")) {
      throw ValidationError.field("projectRoles", "You can only add people to projects where you may add members.");
    }
    if (!holdsEveryPermission(projectAccess, projectRoleRules(offer.role, projectAccess.project.type))) {
      throw ValidationError.field(
        "projectRoles",
        `You cannot grant ${BUILT_IN_PROJECT_ROLES[offer.role].label} in ${projectAccess.project.name}: it allows more than you hold there.`,
      );
    }
  }
  return offers.map((offer) => ({ projectName: accesses.get(offer.projectId)?.project.name ?? "", role: offer.role }));
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

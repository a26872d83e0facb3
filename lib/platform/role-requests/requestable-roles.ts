import "server-only";
import type { ProductType } from "../authz/catalogue.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { projectRoleCatalogue } from "../roles/scope.ts";
import { governingRolePolicy, projectRolePolicies } from "./policies.ts";
import { requestOptionsSchema, type RequestOptionsInput } from "./schemas.ts";

export type RequestableRole = { slug: string; name: string; description: string; maxDurationMinutes: number; policyName: string };

export type RequestOptions = {
  project: { name: string; slug: string };
  roles: RequestableRole[];
  /** The actor's request still waiting there, if any: one at a time. */
  pendingRequestId: string | null;
};

/**
 * What the actor may ask for in a project: each role some policy (or the default) lets them
 * request, with its longest time, but roles they already hold for good.
 */
async function optionsFor(project: { id: string; name: string; slug: string; type: ProductType }, userId: string): Promise<RequestOptions> {
  const catalogue = projectRoleCatalogue(project);
  const [policies, custom, held, pending] = await Promise.all([
    projectRolePolicies(db(), project.id),
    db().customRole.findMany({ where: { scopeKey: catalogue.key }, orderBy: { name: "asc" }, select: { slug: true, name: true, description: true } }),
    db().projectRoleGrant.findMany({ where: { expiresAt: null, membership: { projectId: project.id, userId } }, select: { role: true } }),
    db().roleRequest.findFirst({ where: { projectId: project.id, requesterId: userId, status: "PENDING" }, select: { id: true } }),
  ]);
  const candidates = [...catalogue.builtIns, ...custom].filter((role) => !held.some((grant) => grant.role === role.slug));
  const roles = candidates.flatMap((role) => {
    const policy = governingRolePolicy(policies, role.slug);
    return policy
      ? [{ slug: role.slug, name: role.name, description: role.description, maxDurationMinutes: policy.maxDurationMinutes, policyName: policy.name }]
      : [];
  });
  return { project: { name: project.name, slug: project.slug }, roles, pendingRequestId: pending?.id ?? null };
}

/** For the All projects list: any project of the org, to whoever may browse them. */
export async function requestOptions(access: OrgAccess, input: RequestOptionsInput): Promise<RequestOptions> {
  if (!access.can("project:browse")) throw new ForbiddenError("project:browse");
  const { projectSlug } = requestOptionsSchema.parse(input);
  const project = await db().project.findUnique({
    where: { orgId_slug: { orgId: access.org.id, slug: projectSlug } },
    select: { id: true, name: true, slug: true, type: true },
  });
  if (!project) throw new NotFoundError("No such project");
  return optionsFor(project, access.actor.userId);
}

/** Inside a project, for its members who may ask for a role. */
export function requestOptionsInProject(access: ProjectAccess): Promise<RequestOptions> {
  access.assert("role-request:create");
  return optionsFor(access.project, access.orgAccess.actor.userId);
}

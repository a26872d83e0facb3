import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { SessionClaims } from "../auth/authenticate.ts";
import { getSessionClaims } from "../auth/session.ts";
import { db } from "../db.ts";
import type { Plan } from "../generated/prisma/enums.ts";
import { buildAbility, type Ability } from "./ability.ts";
import type { Actor } from "./actor.ts";
import { isOrgRoleSlug, isProjectRoleSlug, projectRoleRules, type ProjectRoleSlug } from "./built-in-roles.ts";
import type { ProductType } from "./catalogue.ts";
import { orgAccessFor, type OrgAccess } from "./org-access.ts";

export type ProjectAccess = {
  orgAccess: OrgAccess;
  project: { id: string; name: string; slug: string; type: ProductType; description: string };
  /** Null when the actor sees the project only through the org's project:read-all. */
  membership: { id: string; liveRoles: ProjectRoleSlug[] } | null;
  can(permission: string, resource?: Record<string, unknown>): boolean;
};

type Row = {
  user_id: string;
  user_name: string;
  user_email: string;
  org_id: string | null;
  org_name: string | null;
  org_slug: string | null;
  org_plan: Plan | null;
  org_role: string | null;
  project_id: string | null;
  project_name: string | null;
  project_slug: string | null;
  project_type: ProductType | null;
  project_description: string | null;
  membership_id: string | null;
  live_roles: string[];
};

/**
 * One statement for everything a project page's checks need: the session still stands,
 * the org membership and role, the project, the project membership and the roles whose
 * grants have not expired at this instant (compared with now() in the query itself).
 */
export async function loadProjectAccess(
  claims: SessionClaims,
  orgSlug: string,
  projectSlug: string,
): Promise<{ actor: Actor | null; access: ProjectAccess | null }> {
  const rows = await db().$queryRaw<Row[]>`
    SELECT u.id AS user_id, u.name AS user_name, u.email AS user_email,
           o.id AS org_id, o.name AS org_name, o.slug AS org_slug, o.plan::text AS org_plan, om.role AS org_role,
           p.id AS project_id, p.name AS project_name, p.slug AS project_slug, p.type::text AS project_type,
           p.description AS project_description, pm.id AS membership_id,
           COALESCE(
             (SELECT array_agg(g.role ORDER BY g.role) FROM project_role_grants g
               WHERE g.project_membership_id = pm.id AND (g.expires_at IS NULL OR g.expires_at > now())),
             '{}') AS live_roles
      FROM users u
      LEFT JOIN (org_memberships om JOIN organizations o ON o.id = om.org_id AND o.slug = ${orgSlug})
        ON om.user_id = u.id
      LEFT JOIN projects p ON p.org_id = o.id AND p.slug = ${projectSlug}
      LEFT JOIN project_memberships pm ON pm.project_id = p.id AND pm.user_id = u.id
     WHERE u.id = ${claims.userId}::uuid
       AND u.session_version = ${claims.sessionVersion}
       AND u.disabled_at IS NULL`;
  const row = rows[0];
  if (!row) return { actor: null, access: null };
  const actor: Actor = { userId: row.user_id, name: row.user_name, email: row.user_email };
  if (!row.org_id || !row.org_name || !row.org_slug || !row.org_plan || !row.org_role || !isOrgRoleSlug(row.org_role)) {
    return { actor, access: null };
  }
  const orgAccess = orgAccessFor(actor, { id: row.org_id, name: row.org_name, slug: row.org_slug, plan: row.org_plan }, row.org_role);
  if (!row.project_id || !row.project_name || !row.project_slug || !row.project_type) return { actor, access: null };
  // Non-members see a project only with the org's project:read-all; otherwise it does not exist for them.
  if (!row.membership_id && !orgAccess.can("project:read-all")) return { actor, access: null };

  const liveRoles = row.live_roles.filter(isProjectRoleSlug);
  const ability = projectAbility(row.project_type, liveRoles);
  return {
    actor,
    access: {
      orgAccess,
      project: {
        id: row.project_id,
        name: row.project_name,
        slug: row.project_slug,
        type: row.project_type,
        description: row.project_description ?? "",
      },
      membership: row.membership_id ? { id: row.membership_id, liveRoles } : null,
      can: (permission, resource) => ability.can(permission, resource),
    },
  };
}

const abilities = new Map<string, Ability>();

/** Built-in roles are fixed, so one ability per (type, set of roles) serves every request. */
function projectAbility(type: ProductType, roles: readonly ProjectRoleSlug[]): Ability {
  const key = `${type}:${roles.join(",")}`;
  let ability = abilities.get(key);
  if (!ability) {
    ability = buildAbility(roles.flatMap((role) => projectRoleRules(role, type)));
    abilities.set(key, ability);
  }
  return ability;
}

/** The project named by the URL, checked on this request; 404 for anyone who may not see it. */
export const requireProjectAccess = cache(async (orgSlug: string, projectSlug: string): Promise<ProjectAccess> => {
  const claims = await getSessionClaims();
  if (!claims) redirect("/login");
  const { actor, access } = await loadProjectAccess(claims, orgSlug, projectSlug);
  if (!actor) redirect("/login");
  if (!access) notFound();
  return access;
});

type MemberProjectRow = {
  id: string;
  name: string;
  slug: string;
  type: ProductType;
  description: string;
  membership_id: string;
  live_roles: string[];
};

/**
 * The actor's access to every project of the org they are a member of (or to those of
 * `projectIds` only), in one statement. Projects they are not in give them no project
 * permission, so they are left out.
 */
export async function loadMemberProjectAccesses(orgAccess: OrgAccess, projectIds?: readonly string[]): Promise<ProjectAccess[]> {
  const rows = await db().$queryRaw<MemberProjectRow[]>`
    SELECT p.id, p.name, p.slug, p.type::text AS type, p.description, pm.id AS membership_id,
           COALESCE(
             (SELECT array_agg(g.role ORDER BY g.role) FROM project_role_grants g
               WHERE g.project_membership_id = pm.id AND (g.expires_at IS NULL OR g.expires_at > now())),
             '{}') AS live_roles
      FROM project_memberships pm
      JOIN projects p ON p.id = pm.project_id
     WHERE pm.user_id = ${orgAccess.actor.userId}::uuid
       AND p.org_id = ${orgAccess.org.id}::uuid
       AND (${projectIds === undefined} OR p.id = ANY(${projectIds ?? []}::uuid[]))
     ORDER BY p.name, p.id`;
  return rows.map((row) => {
    const liveRoles = row.live_roles.filter(isProjectRoleSlug);
    const ability = projectAbility(row.type, liveRoles);
    return {
      orgAccess,
      project: { id: row.id, name: row.name, slug: row.slug, type: row.type, description: row.description },
      membership: { id: row.membership_id, liveRoles },
      can: (permission, resource) => ability.can(permission, resource),
    };
  });
}

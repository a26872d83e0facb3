import "server-only";
import { recordBreakGlassLater } from "./break-glass.ts";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { SessionClaims } from "../auth/authenticate.ts";
import { getSessionClaims } from "../auth/session.ts";
import { db, preparedQuery, type Tx } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { sessionStandsSql, touchingSession } from "../auth/session-sql.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Plan } from "../../generated/prisma/enums.ts";
import type { Ability } from "./ability.ts";
import type { PermissionRule } from "./rules.ts";
import type { Actor } from "../auth/actor.ts";
import { isProjectRoleSlug, projectRoleRules } from "./built-in-roles.ts";
import { projectSubjects, type ProductType } from "./catalogue.ts";
import { cachedAbility, customRoleRules, type LoadedCustomRole } from "./custom-roles.ts";
import { projectRoleLabel } from "./role-labels.ts";
import {
  CUSTOM_ORG_ROLE_SQL,
  orgAccessFromRow,
  SECOND_FACTOR_MISSING_SQL,
  closedOrgPath,
  ssoRequiredSql,
  orgPageColumnsSql,
  orgPageOf,
  type OrgClosedBy,
  type LoadedGroupOrgRole,
  type LoadedOrgAccess,
  type LoadedOrgPage,
  type OrgAccess,
  type OrgPageColumns,
} from "./org-access.ts";

/** A loader's answer: no actor (signed out), no access, and why not when it is the org's two-factor rule. */
export type LoadedProjectAccess = { actor: Actor | null; access: ProjectAccess | null; closedBy?: OrgClosedBy; breakGlass?: boolean };
import { groupOrgRolesSql, groupsOnSql, liveRolesSql, principalProjectIdsSql } from "./grant-sql.ts";

export type ProjectAccess = {
  orgAccess: OrgAccess;
  project: { id: string; name: string; slug: string; type: ProductType; description: string };
  /**
   * What the actor holds here, directly or through groups. Null when they see the project
   * only through the org's project:read-all.
   */
  membership: {
    /** Their own project membership; null when they are here only through groups. */
    id: string | null;
    /** Each role held, once, however many paths lead to it. */
    liveRoles: string[];
    roleLabels: string[];
    /** Each live grant with when it ends (null: permanent) and the group it comes through (null: their own). */
    grants: Array<{ role: string; label: string; expiresAt: Date | null; group: { id: string; name: string } | null }>;
  } | null;
  can(permission: string, resource?: Record<string, unknown>): boolean;
  /** The one way to require a permission, on a resource's condition fields when it has some: ForbiddenError otherwise. */
  assert(permission: string, resource?: Record<string, unknown>): void;
  /** Held without conditions or denies: what granting it to others requires. */
  holds(permission: string): boolean;
  /** Every rule of the live roles held here (empty for a non-member). */
  rules: readonly PermissionRule[];
};

type ProjectColumns = {
  project_id: string | null;
  project_name: string | null;
  project_slug: string | null;
  project_type: ProductType | null;
  project_description: string | null;
  membership_id: string | null;
  live_grants: Array<{ role: string; expiresAt: string | null; groupId: string | null; group: string | null }>;
  custom_roles: LoadedCustomRole[];
};

type Row = ProjectColumns & {
  user_id: string;
  user_name: string;
  user_email: string;
  org_id: string | null;
  org_name: string | null;
  org_slug: string | null;
  org_plan: Plan | null;
  org_role: string | null;
  custom_org_role: LoadedCustomRole | null;
  group_org_roles: LoadedGroupOrgRole[];
  second_factor_missing: boolean | null;
  sso_required: boolean | null;
};

/** The union of the project roles held: built-in ones by slug, custom ones by id@version. */
function projectAbility(type: ProductType, liveRoles: readonly string[], custom: readonly LoadedCustomRole[]): Ability {
  const builtIn = liveRoles.filter(isProjectRoleSlug);
  const customKeys = custom.map((role) => `${role.id}@${role.version}`).sort();
  return cachedAbility(`project:${type}:${builtIn.join(",")}:${customKeys.join(",")}`, () => [
    ...builtIn.flatMap((role) => projectRoleRules(role, type)),
    ...custom.flatMap((role) => customRoleRules(role, projectSubjects(type))),
  ]);
}

function projectAccessFrom(
  orgAccess: OrgAccess,
  row: ProjectColumns & { project_id: string; project_name: string; project_slug: string; project_type: ProductType },
): ProjectAccess {
  const liveRoles = [...new Set(row.live_grants.map((grant) => grant.role))];
  const labelOf = (slug: string) => row.custom_roles.find((role) => role.slug === slug)?.name ?? projectRoleLabel(slug);
  const ability = projectAbility(row.project_type, liveRoles, row.custom_roles);
  return {
    orgAccess,
    project: {
      id: row.project_id,
      name: row.project_name,
      slug: row.project_slug,
      type: row.project_type,
      description: row.project_description ?? "",
    },
    membership:
      row.membership_id || row.live_grants.length > 0
        ? {
            id: row.membership_id,
            liveRoles,
            roleLabels: liveRoles.map(labelOf),
            grants: row.live_grants.map((grant) => ({
              role: grant.role,
              label: labelOf(grant.role),
              expiresAt: grant.expiresAt ? new Date(grant.expiresAt) : null,
              group: grant.groupId && grant.group ? { id: grant.groupId, name: grant.group } : null,
            })),
          }
        : null,
    can: (permission, resource) => ability.can(permission, resource),
    assert(permission, resource) {
      if (!ability.can(permission, resource)) throw new ForbiddenError(permission);
    },
    holds: (permission) => ability.holds(permission),
    rules: ability.rules,
  };
}

/**
 * One statement for everything a project page's checks need: the session still stands,
 * the org membership and role, the project, the project membership and its live roles,
 * custom roles included. `extras` adds columns.
 */
function projectAccessStatement(claims: SessionClaims, orgSlug: string, projectSlug: string, extras: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return touchingSession(
    claims,
    Prisma.sql`
    SELECT ${projectAccessColumns(claims.sessionId)} ${extras}
      FROM users u
      LEFT JOIN (org_memberships m JOIN organizations o ON o.id = m.org_id AND o.slug = ${orgSlug})
        ON m.user_id = u.id AND m.deactivated_at IS NULL
      LEFT JOIN projects p ON p.org_id = o.id AND p.slug = ${projectSlug}
      LEFT JOIN project_memberships pm ON pm.project_id = p.id AND pm.user_id = u.id
     WHERE ${sessionStandsSql(claims)}`,
  );
}

/** The project's access for this session, in one statement (actions, and checks outside a page). */
export async function loadProjectAccess(claims: SessionClaims, orgSlug: string, projectSlug: string): Promise<LoadedProjectAccess> {
  const rows = await preparedQuery<ProjectAccessRow>(projectAccessStatement(claims, orgSlug, projectSlug));
  return projectAccessFromRow(rows[0], claims.sessionId);
}

/** A project page's load: the project's access, and the org's as its layout needs it. */
export type LoadedProjectPage = { project: LoadedProjectAccess; org: LoadedOrgPage };

/**
 * Everything a page of a project checks and shows around itself, in one statement: the
 * project's access (loadProjectAccess) and the org layout's (loadOrgPage), which on a
 * project's page otherwise took a statement of its own to check the same session and
 * membership again.
 */
export async function loadProjectPage(claims: SessionClaims, orgSlug: string, projectSlug: string): Promise<LoadedProjectPage> {
  const rows = await preparedQuery<ProjectAccessRow & OrgPageColumns>(
    projectAccessStatement(claims, orgSlug, projectSlug, Prisma.sql`, ${orgPageColumnsSql(claims)}`),
  );
  const row = rows[0];
  return { project: projectAccessFromRow(row, claims.sessionId), org: { ...orgAccessFromProjectRow(row, claims.sessionId), ...orgPageOf(row) } };
}

/**
 * What a project access statement selects, whoever the principal is (a person by session,
 * a machine identity by access token): `u`, `o`, `m`, `p` and `pm` must be in scope. The
 * principal's groups count only while it is a member of the org (`m`).
 */
export function projectAccessColumns(sessionId: string | null = null): Prisma.Sql {
  return Prisma.sql`
  u.id AS user_id, u.name AS user_name, u.email AS user_email,
  o.id AS org_id, o.name AS org_name, o.slug AS org_slug, o.plan::text AS org_plan, m.role AS org_role,
  ${CUSTOM_ORG_ROLE_SQL} AS custom_org_role, ${groupOrgRolesSql()}, ${SECOND_FACTOR_MISSING_SQL} AS second_factor_missing,
  ${ssoRequiredSql(sessionId)} AS sso_required,
  p.id AS project_id, p.name AS project_name, p.slug AS project_slug, p.type::text AS project_type,
  p.description AS project_description, pm.id AS membership_id,
  ${liveRolesSql(Prisma.sql`u.id`, groupsOnSql(Prisma.sql`o.plan`))}`;
}

export type ProjectAccessRow = Row;

/**
 * The org half of a row of projectAccessColumns: what loadOrgAccess answers for the same
 * session and org (the same membership join, sign-in rules and roles), whatever the project.
 */
function orgAccessFromProjectRow(row: ProjectAccessRow | undefined, sessionId?: string): LoadedOrgAccess {
  return orgAccessFromRow(row && { ...row, role: row.org_role, custom_role: row.custom_org_role }, sessionId);
}

/** The access a row of PROJECT_ACCESS_COLUMNS grants: no actor when there was no row, no access when not a member. */
export function projectAccessFromRow(row: ProjectAccessRow | undefined, sessionId?: string): LoadedProjectAccess {
  const { actor, access: orgAccess, closedBy, breakGlass } = orgAccessFromProjectRow(row, sessionId);
  if (!row || !orgAccess) return { actor, access: null, ...(closedBy ? { closedBy } : {}) };
  const { project_id, project_name, project_slug, project_type } = row;
  if (!project_id || !project_name || !project_slug || !project_type) return { actor, access: null };
  // Non-members see a project only with the org's project:read-all; otherwise it does not exist for them.
  if (!row.membership_id && row.live_grants.length === 0 && !orgAccess.can("project:read-all")) return { actor, access: null };
  return {
    actor,
    access: projectAccessFrom(orgAccess, { ...row, project_id, project_name, project_slug, project_type }),
    ...(breakGlass ? { breakGlass: true } : {}),
  };
}

/**
 * A product's resources exist only in projects of its type: asked for in another project,
 * they are not found (the one check of a project's type, for every product).
 */
export function requireProjectType(access: ProjectAccess, type: ProductType): void {
  if (access.project.type !== type) throw new NotFoundError();
}

/**
 * The project named by the URL as this request's session sees it (null: no session), without
 * refusing: for what shows beside a page (the header's project switcher) and shares its
 * one statement. Pages use requireProjectAccess.
 */
export const projectAccessOfRequest = cache(
  async (orgSlug: string, projectSlug: string): Promise<LoadedProjectAccess | null> => (await projectPageOfRequest(orgSlug, projectSlug))?.project ?? null,
);

/**
 * loadProjectPage for this request's session (null: none), once per request: the project's
 * checks and the org layout (requireOrgPage, on a project's pages) share it.
 */
export const projectPageOfRequest = cache(async (orgSlug: string, projectSlug: string): Promise<LoadedProjectPage | null> => {
  const claims = await getSessionClaims();
  return claims ? loadProjectPage(claims, orgSlug, projectSlug) : null;
});

/** The project named by the URL, checked on this request; 404 for anyone who may not see it. */
export const requireProjectAccess = cache(async (orgSlug: string, projectSlug: string): Promise<ProjectAccess> => {
  const loaded = await projectAccessOfRequest(orgSlug, projectSlug);
  if (!loaded) redirect("/login");
  const { actor, access, closedBy, breakGlass } = loaded;
  if (!actor) redirect("/login");
  if (closedBy) redirect(closedOrgPath(closedBy, orgSlug));
  if (!access) notFound();
  if (breakGlass) await recordBreakGlassLater(access.orgAccess);
  return access;
});

type MemberProjectRow = ProjectColumns & { project_id: string; project_name: string; project_slug: string; project_type: ProductType };

/**
 * The actor's access to every project of the org they are a member of (or to those of
 * `projectIds` only), in one statement. Projects they are not in give them no project
 * permission, so they are left out.
 */
export async function loadMemberProjectAccesses(
  orgAccess: OrgAccess,
  projectIds?: readonly string[],
  client: Pick<Tx, "$queryRaw"> = db(),
): Promise<ProjectAccess[]> {
  const principal = Prisma.sql`${orgAccess.actor.userId}::uuid`;
  const groupsOn = groupsOnSql(Prisma.sql`${orgAccess.org.plan}`);
  const rows = await client.$queryRaw<MemberProjectRow[]>`
    SELECT p.id AS project_id, p.name AS project_name, p.slug AS project_slug, p.type::text AS project_type,
           p.description AS project_description, pm.id AS membership_id,
           ${liveRolesSql(principal, groupsOn)}
      FROM projects p
      LEFT JOIN project_memberships pm ON pm.project_id = p.id AND pm.user_id = ${orgAccess.actor.userId}::uuid
     WHERE p.id IN ${principalProjectIdsSql(principal, groupsOn)}
       AND p.org_id = ${orgAccess.org.id}::uuid
       AND (${projectIds === undefined} OR p.id = ANY(${projectIds ?? []}::uuid[]))
     ORDER BY p.name, p.id`;
  return rows.map((row) => projectAccessFrom(orgAccess, row));
}

/** What one person may do in a project, as `can` answers it for the actor, and what they hold outright (the boundary rule). */
export type MemberAbility = Pick<ProjectAccess, "can" | "holds">;

const abilityOf = (ability: Ability): MemberAbility => ({
  can: (permission, resource) => ability.can(permission, resource),
  holds: (permission) => ability.holds(permission),
});

/**
 * What each of these people (enabled persons who are members of the org) may do in the
 * project now, from their live grants there, their own and their groups', in one statement:
 * for decisions that rest on someone else's authority, such as who can approve or whether a
 * rule's author still could.
 */
export async function memberAbilities(
  client: Pick<Tx, "$queryRaw">,
  project: { id: string; type: ProductType },
  userIds: readonly string[],
): Promise<Map<string, MemberAbility>> {
  if (userIds.length === 0) return new Map();
  const rows = await client.$queryRaw<Array<Pick<ProjectColumns, "live_grants" | "custom_roles"> & { user_id: string }>>`
    SELECT u.id AS user_id, ${liveRolesSql(Prisma.sql`u.id`, groupsOnSql(Prisma.sql`o.plan`))}
      FROM projects p
      JOIN organizations o ON o.id = p.org_id
      JOIN org_memberships m ON m.org_id = p.org_id AND m.deactivated_at IS NULL
      JOIN users u ON u.id = m.user_id AND u.kind = 'PERSON' AND u.disabled_at IS NULL
      LEFT JOIN project_memberships pm ON pm.project_id = p.id AND pm.user_id = u.id
     WHERE p.id = ${project.id}::uuid AND m.user_id = ANY(${[...userIds]}::uuid[])`;
  return new Map(
    rows.map((row) => {
      const ability = projectAbility(project.type, [...new Set(row.live_grants.map((grant) => grant.role))], row.custom_roles);
      return [row.user_id, abilityOf(ability)];
    }),
  );
}

/**
 * What one principal (a person or a machine identity) may do now in each project it belongs
 * to among these, from its live grants, in one statement: for pages that describe someone
 * else's access, such as the environment an identity's "Use it" example can read.
 */
export async function principalAbilities(
  client: Pick<Tx, "$queryRaw">,
  userId: string,
  projects: ReadonlyArray<{ id: string; type: ProductType }>,
): Promise<Map<string, MemberAbility>> {
  if (projects.length === 0) return new Map();
  const types = new Map(projects.map((project) => [project.id, project.type]));
  const rows = await client.$queryRaw<Array<Pick<ProjectColumns, "live_grants" | "custom_roles"> & { project_id: string }>>`
    SELECT p.id AS project_id, ${liveRolesSql(Prisma.sql`${userId}::uuid`, groupsOnSql(Prisma.sql`o.plan`))}
      FROM projects p
      JOIN organizations o ON o.id = p.org_id
      JOIN org_memberships m ON m.org_id = p.org_id AND m.user_id = ${userId}::uuid AND m.deactivated_at IS NULL
      LEFT JOIN project_memberships pm ON pm.project_id = p.id AND pm.user_id = m.user_id
     WHERE p.id = ANY(${[...types.keys()]}::uuid[])`;
  return new Map(
    rows.map((row) => {
      const ability = projectAbility(types.get(row.project_id)!, [...new Set(row.live_grants.map((grant) => grant.role))], row.custom_roles);
      return [row.project_id, abilityOf(ability)];
    }),
  );
}

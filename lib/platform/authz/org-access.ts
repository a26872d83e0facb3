import "server-only";
import { groupOrgRolesSql } from "./grant-sql.ts";
import type { PermissionRule } from "./rules.ts";
import type { SessionClaims } from "../auth/authenticate.ts";
import { preparedQuery } from "../db.ts";
import { sessionStandsSql, touchingSession } from "../auth/session-sql.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Plan } from "../../generated/prisma/enums.ts";
import type { OrgSummary } from "./list-my-orgs.ts";
import type { Ability } from "./ability.ts";
import type { Actor } from "../auth/actor.ts";
import { isOrgRoleSlug, orgRoleRules } from "./built-in-roles.ts";
import { orgRoleLabel } from "./role-labels.ts";
import { ORG_SUBJECTS, type OrgPermission } from "./catalogue.ts";
import { cachedAbility, customRoleRules, type LoadedCustomRole } from "./custom-roles.ts";
import { hasSecondFactorSql } from "../auth/second-factor-sql.ts";
import { PLAN_IDS, plans } from "../billing/plans.ts";
import { roleRequestsAwaitingCountSql } from "./role-requests-awaiting-sql.ts";

export type OrgAccess = {
  actor: Actor;
  org: { id: string; name: string; slug: string; plan: Plan };
  /** Slug of the org role held: a built-in one, or one of the org's custom roles. */
  role: string;
  /** That role's name, as people read it. */
  roleName: string;
  /** Org roles held through groups, besides `role`: each adds to what the actor may do. */
  groupRoles: GroupOrgRole[];
  can(permission: OrgPermission): boolean;
  /** Held without conditions or denies: what granting it to others requires. */
  holds(permission: string): boolean;
};

/** An org role held through a group. */
export type GroupOrgRole = { groupId: string; group: string; role: string; roleName: string };

/** A group's org role as the loaders read it (groupOrgRolesSql). */
export type LoadedGroupOrgRole = { groupId: string; group: string; role: string; custom: LoadedCustomRole | null };

/** The columns of an org access statement (orgAccessStatement). */
export type OrgAccessRow = {
  user_id: string;
  user_name: string;
  user_email: string;
  org_id: string | null;
  org_name: string | null;
  org_slug: string | null;
  org_plan: Plan | null;
  role: string | null;
  custom_role: LoadedCustomRole | null;
  group_org_roles: LoadedGroupOrgRole[];
  second_factor_missing: boolean | null;
  sso_required: boolean | null;
};

/** An org role's key and rules: built-in by slug, custom by id@version, or nothing. */
function orgRoleParts(role: string, custom: LoadedCustomRole | null): { key: string; rules: () => PermissionRule[] } {
  if (isOrgRoleSlug(role)) return { key: role, rules: () => orgRoleRules(role) };
  if (custom) return { key: `${custom.id}@${custom.version}`, rules: () => customRoleRules(custom, ORG_SUBJECTS) };
  return { key: "none", rules: () => [] };
}

/** The union of the org roles held (one's own and the groups'), built once per distinct set. */
function orgAbility(roles: ReadonlyArray<{ role: string; custom: LoadedCustomRole | null }>): Ability {
  const parts = roles.map((held) => orgRoleParts(held.role, held.custom));
  const key = [...new Set(parts.map((part) => part.key))].sort().join("+");
  return cachedAbility(`org:${key}`, () => parts.flatMap((part) => part.rules()));
}

export function orgAccessFor(
  actor: Actor,
  org: OrgAccess["org"],
  role: string,
  custom: LoadedCustomRole | null,
  groupRoles: readonly LoadedGroupOrgRole[] = [],
): OrgAccess {
  const ability = orgAbility([{ role, custom }, ...groupRoles]);
  const roleName = custom?.name ?? orgRoleLabel(role);
  return {
    actor,
    org,
    role,
    roleName,
    groupRoles: groupRoles.map((held) => ({
      groupId: held.groupId,
      group: held.group,
      role: held.role,
      roleName: held.custom?.name ?? orgRoleLabel(held.role),
    })),
    can: (permission) => ability.can(permission),
    holds: (permission) => ability.holds(permission),
  };
}

/** The SQL fragment that loads an org membership's custom role (null for a built-in role). */
export const CUSTOM_ORG_ROLE_SQL = Prisma.sql`
  (SELECT json_build_object('id', cr.id, 'slug', cr.slug, 'name', cr.name, 'version', cr.version, 'permissions', cr.permissions)
     FROM custom_roles cr WHERE cr.scope_key = 'org:' || o.id::text AND cr.slug = m.role)`;

/** The membership lookup both loaders share; `extras` adds columns computed per row. */
function orgAccessStatement(claims: SessionClaims, orgSlug: string, extras: Prisma.Sql = Prisma.empty) {
  return touchingSession(
    claims,
    Prisma.sql`
    SELECT u.id AS user_id, u.name AS user_name, u.email AS user_email,
           o.id AS org_id, o.name AS org_name, o.slug AS org_slug, o.plan::text AS org_plan, m.role,
           ${CUSTOM_ORG_ROLE_SQL} AS custom_role, ${groupOrgRolesSql()}, ${SECOND_FACTOR_MISSING_SQL} AS second_factor_missing,
           ${ssoRequiredSql(claims.sessionId)} AS sso_required ${extras}
      FROM users u
      LEFT JOIN (org_memberships m JOIN organizations o ON o.id = m.org_id AND o.slug = ${orgSlug})
        ON m.user_id = u.id AND m.deactivated_at IS NULL
     WHERE ${sessionStandsSql(claims)}`,
  );
}

/**
 * Whether the org requires a second factor that the person (`u`) has not set up: then the
 * org is closed to them until they do. Machine identities never sign in, so never count.
 */
export const SECOND_FACTOR_MISSING_SQL = Prisma.sql`
  (o.require_two_factor AND u.kind = 'PERSON'
   AND NOT ${hasSecondFactorSql("u.id")})`;

/**
 * Whether the org enforces single sign-on and this session did not come through its provider
 * (`sessionId` null: a machine identity's request, which never signs in). Only while the plan
 * has the feature: switched off, it stops being enforced too.
 */
export function ssoRequiredSql(sessionId: string | null): Prisma.Sql {
  const on = PLAN_IDS.filter((id) => plans()[id].features.sso);
  return Prisma.sql`
  (u.kind = 'PERSON' AND o.plan::text = ANY(${on}::text[])
   AND EXISTS (SELECT 1 FROM sso_connections sc WHERE sc.org_id = o.id AND sc.enforced)
   AND NOT EXISTS (SELECT 1 FROM user_sessions ss WHERE ss.id = ${sessionId}::uuid AND ss.sso_org_id = o.id))`;
}

/** Why an org the person belongs to is closed to this session: its two-factor rule, or its SSO rule. */
export type OrgClosedBy = "two-factor" | "sso";

/**
 * A loader's answer: no actor (signed out), no access, and why not when it is one of the
 * org's sign-in rules. `breakGlass`: an Admin opening an org that enforces SSO with a
 * password session (allowed, and on record).
 */
export type LoadedOrgAccess = { actor: Actor | null; access: OrgAccess | null; closedBy?: OrgClosedBy; breakGlass?: boolean };

/** The sign-in rules of the org, applied to a loaded row: closed, open, or open as break-glass. */
function orgSignInRules(row: { second_factor_missing: boolean | null; sso_required: boolean | null }, orgRole: string) {
  if (row.second_factor_missing) return { closedBy: "two-factor" as const };
  if (row.sso_required) return orgRole === "admin" ? { breakGlass: true } : { closedBy: "sso" as const };
  return {};
}

/**
 * The org access a loaded row grants: no actor when there was no row (the session no longer
 * stands), no access when not a member or when a sign-in rule closes the org. The org's
 * loaders and the project's (loadProjectPage, whose row names the role `org_role`) read it here.
 */
export function orgAccessFromRow(row: OrgAccessRow | undefined, sessionId?: string): LoadedOrgAccess {
  if (!row) return { actor: null, access: null };
  const actor: Actor = { userId: row.user_id, name: row.user_name, email: row.user_email, ...(sessionId ? { sessionId } : {}) };
  if (!row.org_id || !row.org_name || !row.org_slug || !row.org_plan || !row.role) return { actor, access: null };
  const rules = orgSignInRules(row, row.role);
  if (rules.closedBy) return { actor, access: null, closedBy: rules.closedBy };
  const org = { id: row.org_id, name: row.org_name, slug: row.org_slug, plan: row.org_plan };
  return { actor, access: orgAccessFor(actor, org, row.role, row.custom_role, row.group_org_roles), ...(rules.breakGlass ? { breakGlass: true } : {}) };
}

/**
 * One statement: is the session still valid, and is its user a member of the org named
 * by this slug, with which role. `actor` is null when the session no longer stands;
 * `access` is null when the user is not a member (or the org does not exist).
 */
export async function loadOrgAccess(claims: SessionClaims, orgSlug: string): Promise<LoadedOrgAccess> {
  const rows = await preparedQuery<OrgAccessRow>(orgAccessStatement(claims, orgSlug));
  return orgAccessFromRow(rows[0], claims.sessionId);
}

/** What every org page needs before its own content: the access check, the org switcher and the badge. */
export type OrgPage = { access: OrgAccess; myOrgs: OrgSummary[]; roleRequestsAwaiting: number };

/** The columns orgPageColumnsSql adds to a row. */
export type OrgPageColumns = { my_orgs: OrgSummary[]; role_requests_awaiting: number | null };

type PageRow = OrgAccessRow & OrgPageColumns;

/**
 * One statement for everything the org layout shows besides the page: the access check, the
 * org switcher's orgs, and how many role requests wait for the actor's decision (the Access
 * requests badge). The project switcher asks for its projects when it opens.
 */
export async function loadOrgPage(claims: SessionClaims, orgSlug: string): Promise<LoadedOrgPage> {
  const rows = await preparedQuery<PageRow>(orgAccessStatement(claims, orgSlug, Prisma.sql`, ${orgPageColumnsSql(claims)}`));
  return { ...orgAccessFromRow(rows[0], claims.sessionId), ...orgPageOf(rows[0]) };
}

/** An org page's load: the access check's answer and the layout's data. */
export type LoadedOrgPage = LoadedOrgAccess & Omit<OrgPage, "access">;

/**
 * The columns of an org page beyond its access check (`my_orgs`, `role_requests_awaiting`),
 * for a statement with the person `u` and the org `o` in scope: the org's own pages load them
 * with the org (loadOrgPage), a project's with the project (loadProjectPage).
 */
export function orgPageColumnsSql(claims: SessionClaims): Prisma.Sql {
  return Prisma.sql`
        (SELECT COALESCE(json_agg(json_build_object('id', mo.id, 'name', mo.name, 'slug', mo.slug, 'plan', mo.plan) ORDER BY mo.name, mo.id), '[]')
           FROM org_memberships mm JOIN organizations mo ON mo.id = mm.org_id WHERE mm.user_id = u.id AND mm.deactivated_at IS NULL) AS my_orgs,
        ${roleRequestsAwaitingCountSql(claims.userId)} AS role_requests_awaiting`;
}

/** What orgPageColumnsSql selected, read from its row. */
export function orgPageOf(row: OrgPageColumns | undefined): Omit<OrgPage, "access"> {
  return { myOrgs: row?.my_orgs ?? [], roleRequestsAwaiting: row?.role_requests_awaiting ?? 0 };
}

/**
 * Where someone is sent when an org of theirs is closed to this session: to set up a second
 * factor, or to sign in through the org's provider.
 */
export function closedOrgPath(closedBy: OrgClosedBy, orgSlug: string): string {
  return closedBy === "two-factor"
    ? `/account?${new URLSearchParams({ "two-factor-required": orgSlug })}`
    : `/sso?${new URLSearchParams({ org: orgSlug, required: "1" })}`;
}

import "server-only";
import { boundedMemo } from "../bounded-memo.ts";
import { holdsEveryPermission } from "../authz/boundary.ts";
import { cachedAbility, customRoleRules } from "../authz/custom-roles.ts";
import { allowedPermissions } from "../authz/privilege.ts";
import { summarizeRules } from "../authz/summarize-rules.ts";
import { directQuery, preparedQuery } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ForbiddenError } from "../errors.ts";
import type { ResolvedRole, RoleScope } from "./scope.ts";

type CustomRoleRow = { id: string; scopeKey: string; slug: string; name: string; description: string; permissions: unknown; version: number };

/** The custom roles of the scopes, by name (rows of CustomRoleRow). */
function customRolesSql(scopes: readonly RoleScope[]): Prisma.Sql {
  return Prisma.sql`SELECT id, scope_key AS "scopeKey", slug, name, description, permissions, version FROM custom_roles
                     WHERE scope_key = ANY(${scopes.map((scope) => scope.key)}::text[]) ORDER BY name, id`;
}

/** Custom role rows by scope key, rules parsed. */
function resolveCustomRoles(scopes: readonly RoleScope[], rows: readonly CustomRoleRow[]): Map<string, ResolvedRole[]> {
  const subjectsByKey = new Map(scopes.map((scope) => [scope.key, scope.subjects]));
  const byScope = new Map<string, ResolvedRole[]>();
  for (const row of rows) {
    const role: ResolvedRole = { ...row, rules: customRoleRules(row, subjectsByKey.get(row.scopeKey)!), builtIn: false };
    byScope.set(row.scopeKey, [...(byScope.get(row.scopeKey) ?? []), role]);
  }
  return byScope;
}

/** The custom roles of several scopes at once, by scope key, rules parsed. */
export async function customRolesOf(scopes: readonly RoleScope[]): Promise<Map<string, ResolvedRole[]>> {
  if (scopes.length === 0) return new Map();
  // On pg as a prepared statement: a lookup by scope key, read on every page with a role
  // picker; through Prisma's engine the 20 roles of an org took ~1.5 ms.
  return resolveCustomRoles(scopes, await preparedQuery<CustomRoleRow>(customRolesSql(scopes)));
}

export type ListedRole = ResolvedRole & { holders: number };

/** Every role of the scope, built-in first, with how many members hold each. */
export async function listRoles(scope: RoleScope): Promise<ListedRole[]> {
  if (!scope.actor.can("role:read")) throw new ForbiddenError("role:read");
  const [roles, holders] = await Promise.all([rolesOf(scope), holderCounts(scope)]);
  return roles.map((role) => ({ ...role, holders: holders.get(role.slug) ?? 0 }));
}

/**
 * Every role of the scope, and how many hold the one the editor shows: counting only it reads
 * the groups that give it, not every group that gives any role.
 */
export async function rolesHeldOne(scope: RoleScope, slug: string): Promise<{ roles: ResolvedRole[]; holders: number }> {
  if (!scope.actor.can("role:read")) throw new ForbiddenError("role:read");
  // One statement for both (each costs the server a round trip); the custom roles are a
  // lookup by key, next to the count that takes the time. Prepared, as each was.
  const [row] = await preparedQuery<{ roles: CustomRoleRow[]; holders: number | null }>(Prisma.sql`
    SELECT (SELECT COALESCE(json_agg(r ORDER BY r.name, r.id), '[]') FROM (${customRolesSql([scope])}) r) AS roles,
           (SELECT h.holders FROM (${holderCountsSql(scope, slug)}) h) AS holders`);
  return { roles: withBuiltIns(scope, resolveCustomRoles([scope], row?.roles ?? [])), holders: row?.holders ?? 0 };
}

/** Every role of the scope, for pickers: the caller filters to what the actor may grant. */
export async function rolesOf(scope: RoleScope): Promise<ResolvedRole[]> {
  return withBuiltIns(scope, await customRolesOf([scope]));
}

/** The scope's built-in roles, then its custom ones. */
function withBuiltIns(scope: RoleScope, custom: Map<string, ResolvedRole[]>): ResolvedRole[] {
  return [...scope.builtIns.map((role) => ({ ...role, builtIn: true, id: null, version: 0 })), ...(custom.get(scope.key) ?? [])];
}

/**
 * How many people hold each role of the scope, by any path: their own grant or a group's
 * (project roles: grants, expired ones too). Someone holding it both ways counts once: own
 * holders are counted from the index, and group members only when they do not
 * hold the role themselves (a few thousand rows at most, not every member). Own org holders
 * are the counters the triggers on org_memberships keep; a group member's own org role is
 * the copy in group_members (member_role), read from its index with the member.
 */
export async function holderCounts(scope: RoleScope, only?: string): Promise<Map<string, number>> {
  const rows = await preparedQuery<{ role: string; holders: number }>(holderCountsSql(scope, only));
  return new Map(rows.map((row) => [row.role, row.holders]));
}

/** The statement of holderCounts: a row (role, holders) per role held. */
function holderCountsSql(scope: RoleScope, only?: string): Prisma.Sql {
  const onlyOf = (column: Prisma.Sql) => (only === undefined ? Prisma.empty : Prisma.sql`AND ${column} = ${only}`);
  return scope.kind === "org"
    ? Prisma.sql`
        SELECT role, sum(holders)::int AS holders FROM (
          SELECT omc.role, omc.members AS holders FROM org_member_counts omc WHERE omc.org_id = ${scope.orgId}::uuid ${onlyOf(Prisma.sql`omc.role`)}
          UNION ALL
          SELECT g.org_role, count(DISTINCT gm.user_id) FROM groups g JOIN group_members gm ON gm.group_id = g.id
           WHERE g.org_id = ${scope.orgId}::uuid AND g.org_role IS NOT NULL AND gm.member_role <> g.org_role ${onlyOf(Prisma.sql`g.org_role`)}
           GROUP BY g.org_role) counted
         GROUP BY role`
    : Prisma.sql`
        SELECT role, sum(holders)::int AS holders FROM (
          SELECT g.role, count(*) AS holders FROM project_role_grants g JOIN project_memberships pm ON pm.id = g.project_membership_id
           WHERE pm.project_id = ${scope.projectId!}::uuid ${onlyOf(Prisma.sql`g.role`)} GROUP BY g.role
          UNION ALL
          SELECT gpr.role, count(DISTINCT gm.user_id) FROM group_project_roles gpr
            JOIN group_members gm ON gm.group_id = gpr.group_id
           WHERE gpr.project_id = ${scope.projectId!}::uuid ${onlyOf(Prisma.sql`gpr.role`)}
             AND NOT EXISTS (SELECT 1 FROM project_memberships pm JOIN project_role_grants g ON g.project_membership_id = pm.id
                              WHERE pm.project_id = gpr.project_id AND pm.user_id = gm.user_id AND g.role = gpr.role)
           GROUP BY gpr.role) counted
         GROUP BY role`;
}

export type RoleOption = {
  slug: string;
  label: string;
  description: string;
  /** What it allows, one line per rule in plain words (the role editor's summary). */
  allows: string[];
  /** Every permission it allows somewhere, to tell what a change of role gains and loses. */
  permissions: string[];
  /** Labels of the other grantable roles that already allow everything this one does. */
  coveredBy?: string[];
};

/**
 * The scope's roles for forms and tables: every role (to show what people hold), those
 * the actor may hand out (the boundary rule), and a name for any slug.
 */
export async function roleOptions(scope: RoleScope): Promise<{ all: RoleOption[]; grantable: RoleOption[]; nameOf(slug: string): string }> {
  const roles = await rolesOf(scope);
  const option = (role: ResolvedRole): RoleOption => ({ slug: role.slug, label: role.name, description: role.description, ...wordsFor(scope, role) });
  const names = new Map(roles.map((role) => [role.slug, role.name]));
  return {
    all: roles.map(option),
    grantable: withCoverage(
      scope,
      roles.filter((role) => holdsEveryPermission(scope.actor, role.rules)),
    ).map(({ role, coveredBy }) => ({
      ...option(role),
      coveredBy,
    })),
    nameOf: (slug) => names.get(slug) ?? slug,
  };
}

/**
 * What a role's rules are derived from: a custom role's id@version (an edit bumps it), a
 * built-in role's slug in its kind of scope. Derivations are remembered under it: a page
 * with 24 roles spent ~3 ms per request wording them and comparing each with every other.
 */
function rulesKey(scope: RoleScope, role: ResolvedRole): string {
  return role.id ? `${role.id}@${role.version}` : `${scope.kind}:${scope.productType ?? ""}:${role.slug}`;
}

const rememberWords = boundedMemo<Pick<RoleOption, "allows" | "permissions">>();
const rememberCovers = boundedMemo<boolean>();

function wordsFor(scope: RoleScope, role: ResolvedRole): Pick<RoleOption, "allows" | "permissions"> {
  return rememberWords(rulesKey(scope, role), () => ({
    allows: summarizeRules(role.rules, scope.subjects),
    permissions: allowedPermissions(role.rules, scope.subjects),
  }));
}

/**
 * For each role, the others that already allow all it allows, so that holding both adds
 * nothing (a role with a deny of its own is never covered: adding it takes something away).
 */
function withCoverage(scope: RoleScope, roles: ResolvedRole[]): Array<{ role: ResolvedRole; coveredBy: string[] }> {
  const keys = roles.map((role) => rulesKey(scope, role));
  const abilities = roles.map((role, index) => cachedAbility(`role-rules:${keys[index]}`, () => role.rules));
  return roles.map((role, roleIndex) => ({
    role,
    coveredBy: role.rules.some((rule) => rule.inverted)
      ? []
      : roles
          .filter(
            (other, index) =>
              other.slug !== role.slug && rememberCovers(`${keys[index]} covers ${keys[roleIndex]}`, () => holdsEveryPermission(abilities[index]!, role.rules)),
          )
          .map((other) => other.name),
  }));
}

/**
 * A few of the people who hold a role (their own or through a group), for the editor's
 * preview, by name: each path is read through the users(name, id) index and cut to the
 * limit before they are merged, so a role held by thousands costs no sort of them all.
 */
export async function listRoleHolders(scope: RoleScope, slug: string, limit = 10): Promise<Array<{ name: string; email: string }>> {
  if (!scope.actor.can("role:read")) throw new ForbiddenError("role:read");
  const [own, throughGroups] =
    scope.kind === "org"
      ? [
          Prisma.sql`SELECT u.name, u.email, u.id FROM org_memberships m JOIN users u ON u.id = m.user_id
                      WHERE m.org_id = ${scope.orgId}::uuid AND m.role = ${slug}`,
          Prisma.sql`SELECT u.name, u.email, u.id FROM groups g JOIN group_members gm ON gm.group_id = g.id JOIN users u ON u.id = gm.user_id
                      WHERE g.org_id = ${scope.orgId}::uuid AND g.org_role = ${slug}`,
        ]
      : [
          Prisma.sql`SELECT u.name, u.email, u.id FROM project_memberships pm JOIN users u ON u.id = pm.user_id
                      WHERE pm.project_id = ${scope.projectId!}::uuid
                        AND EXISTS (SELECT 1 FROM project_role_grants g WHERE g.project_membership_id = pm.id AND g.role = ${slug})`,
          Prisma.sql`SELECT u.name, u.email, u.id FROM group_project_roles gpr JOIN group_members gm ON gm.group_id = gpr.group_id JOIN users u ON u.id = gm.user_id
                      WHERE gpr.project_id = ${scope.projectId!}::uuid AND gpr.role = ${slug}`,
        ];
  // On pg directly (the role editor reads it on every visit), planned per call like Prisma's.
  return directQuery<{ name: string; email: string }>(Prisma.sql`
    SELECT h.name, h.email FROM (
      (${own} ORDER BY u.name, u.id LIMIT ${limit})
      UNION
      (${throughGroups} ORDER BY u.name, u.id LIMIT ${limit})) h
     ORDER BY h.name, h.id LIMIT ${limit}`);
}

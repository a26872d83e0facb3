import "server-only";
import { z } from "zod";
import { buildAbility } from "./ability.ts";
import { isOrgRoleSlug, isProjectRoleSlug, orgRoleRules, projectRoleRules } from "./built-in-roles.ts";
import { ORG_SUBJECTS, listPermissions, projectSubjects, splitPermission, type SubjectDefinition } from "./catalogue.ts";
import { customRoleRules } from "./custom-roles.ts";
import type { OrgAccess } from "./org-access.ts";
import { loadMemberProjectAccesses } from "./project-access.ts";
import { describeRule } from "./summarize-rules.ts";
import type { PermissionRule } from "./rules.ts";
import { plans } from "../billing/plans.ts";
import { db } from "../db.ts";
import { ForbiddenError, ValidationError } from "../errors.ts";
import { idSchema } from "../ids.ts";
import { orgRoleLabel, projectRoleLabel } from "./role-labels.ts";

// "Why can X do Y": every path by which a principal holds a role in the org or one project,
// each role's rules that allow or deny the action on the resource, and the answer. It reads
// the grants with its own queries and combines them itself (any allow, unless any deny), so
// the test that compares its answer with the access check compares two derivations.

export const explainQuerySchema = z.object({
  userId: idSchema,
  /** Null: an org permission, answered from org roles. */
  projectId: idSchema.nullable().default(null),
  permission: z.string({ error: "Choose an action" }).min(3, "Choose an action").max(100),
  /** The resource's condition fields (environment, secretPath, caName, …); empty ones are left out. */
  resource: z.record(z.string(), z.string().max(500)).default({}),
});
export type ExplainQuery = z.input<typeof explainQuerySchema>;

/** How a role reaches the principal: its own grant, or a group it is in. */
export type AccessPath =
  | { kind: "own"; grantedAt: Date }
  | { kind: "group"; groupId: string; groupName: string; groupSlug: string; addedBy: string | null; addedAt: Date; grantedBy: string | null; grantedAt: Date };

export type ExplainedRole = {
  role: string;
  roleName: string;
  path: AccessPath;
  expiresAt: Date | null;
  /** This role's rules that allow the action on the resource, in words. */
  allows: string[];
  /** This role's rules that deny it (any one wins over every allow). */
  denies: string[];
};

export type Explanation = {
  allowed: boolean;
  principal: { id: string; name: string; kind: "PERSON" | "IDENTITY" };
  scope: { kind: "org" } | { kind: "project"; id: string; name: string };
  permission: string;
  permissionLabel: string;
  roles: ExplainedRole[];
  /** Groups the principal is in whose grants do not count now (the plan has no groups). */
  groupsOff: boolean;
  /** The answer in one sentence. */
  summary: string;
};

type Held = { role: string; rules: PermissionRule[]; path: AccessPath; expiresAt: Date | null };

/**
 * Explains whether `userId` may do `permission` in the org (no project) or in one project.
 * The actor must be allowed to see the org's members, and in a project to see its members
 * (or to see every project).
 */
export async function explainAccess(access: OrgAccess, rawQuery: ExplainQuery): Promise<Explanation> {
  if (!access.can("member:read")) throw new ForbiddenError("member:read");
  const query = explainQuerySchema.parse(rawQuery);
  const principal = await db().orgMembership.findFirst({
    where: { orgId: access.org.id, userId: query.userId },
    select: { role: true, createdAt: true, deactivatedAt: true, user: { select: { id: true, name: true, kind: true } } },
  });
  if (!principal) throw ValidationError.field("userId", "Not a member of this organization. Choose someone else.");
  const groupsOn = plans()[access.org.plan].features.groups;
  const customRoles = await db().customRole.findMany({
    where: { orgId: access.org.id, projectId: query.projectId },
    select: { id: true, slug: true, name: true, version: true, permissions: true },
  });
  const custom = new Map(customRoles.map((role) => [role.slug, role]));

  if (query.projectId === null) {
    const subjects = ORG_SUBJECTS;
    assertPermissionIn(query.permission, subjects);
    const rulesOf = (slug: string) => (isOrgRoleSlug(slug) ? orgRoleRules(slug) : custom.has(slug) ? customRoleRules(custom.get(slug)!, subjects) : []);
    const nameOf = (slug: string) => custom.get(slug)?.name ?? orgRoleLabel(slug);
    const groups = await db().groupMember.findMany({
      where: { userId: query.userId, group: { orgId: access.org.id, orgRole: { not: null } } },
      select: { createdAt: true, addedBy: { select: { name: true } }, group: { select: { id: true, name: true, slug: true, orgRole: true, createdAt: true } } },
    });
    const held: Held[] = [
      { role: principal.role, rules: rulesOf(principal.role), path: { kind: "own", grantedAt: principal.createdAt }, expiresAt: null },
      ...(groupsOn ? groups : []).map((member) => ({
        role: member.group.orgRole!,
        rules: rulesOf(member.group.orgRole!),
        path: groupPath(member.group, member, { createdAt: member.group.createdAt, addedBy: null }),
        expiresAt: null,
      })),
    ];
    return unlessDeactivated(principal, explain(query, principal.user, { kind: "org" }, subjects, held, nameOf, !groupsOn && groups.length > 0));
  }

  const project = await db().project.findFirst({ where: { id: query.projectId, orgId: access.org.id }, select: { id: true, name: true, type: true } });
  if (!project) throw ValidationError.field("projectId", "No such project. Choose another.");
  if (!access.can("project:read-all")) {
    const [mine] = await loadMemberProjectAccesses(access, [project.id]);
    if (!mine?.can("member:read")) throw new ForbiddenError("member:read");
  }
  const subjects = projectSubjects(project.type);
  assertPermissionIn(query.permission, subjects);
  const rulesOf = (slug: string) =>
    isProjectRoleSlug(slug) ? projectRoleRules(slug, project.type) : custom.has(slug) ? customRoleRules(custom.get(slug)!, subjects) : [];
  const nameOf = (slug: string) => custom.get(slug)?.name ?? projectRoleLabel(slug);
  const now = new Date();
  const live = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const [own, viaGroups] = await Promise.all([
    db().projectRoleGrant.findMany({
      where: { membership: { projectId: project.id, userId: query.userId }, ...live },
      select: { role: true, expiresAt: true, createdAt: true },
    }),
    db().groupProjectRole.findMany({
      where: { projectId: project.id, group: { orgId: access.org.id, members: { some: { userId: query.userId } } }, ...live },
      select: {
        role: true,
        expiresAt: true,
        createdAt: true,
        addedBy: { select: { name: true } },
        group: {
          select: {
            id: true,
            name: true,
            slug: true,
            members: { where: { userId: query.userId }, select: { createdAt: true, addedBy: { select: { name: true } } } },
          },
        },
      },
    }),
  ]);
  const held: Held[] = [
    ...own.map((grant) => ({
      role: grant.role,
      rules: rulesOf(grant.role),
      path: { kind: "own" as const, grantedAt: grant.createdAt },
      expiresAt: grant.expiresAt,
    })),
    ...(groupsOn ? viaGroups : []).map((grant) => ({
      role: grant.role,
      rules: rulesOf(grant.role),
      path: groupPath(grant.group, grant.group.members[0]!, grant),
      expiresAt: grant.expiresAt,
    })),
  ];
  return unlessDeactivated(
    principal,
    explain(query, principal.user, { kind: "project", id: project.id, name: project.name }, subjects, held, nameOf, !groupsOn && viaGroups.length > 0),
  );
}

/** A member the identity provider deactivated holds nothing, whatever their roles say (as every access statement decides). */
function unlessDeactivated(principal: { deactivatedAt: Date | null; user: { name: string } }, explanation: Explanation): Explanation {
  if (!principal.deactivatedAt) return explanation;
  return {
    ...explanation,
    allowed: false,
    summary: `No: ${principal.user.name} was deactivated by the organization's identity provider, so none of their roles count until it reactivates them.`,
  };
}

function groupPath(
  group: { id: string; name: string; slug: string },
  member: { createdAt: Date; addedBy: { name: string } | null },
  grant: { createdAt: Date; addedBy: { name: string } | null },
): AccessPath {
  return {
    kind: "group",
    groupId: group.id,
    groupName: group.name,
    groupSlug: group.slug,
    addedBy: member.addedBy?.name ?? null,
    addedAt: member.createdAt,
    grantedBy: grant.addedBy?.name ?? null,
    grantedAt: grant.createdAt,
  };
}

function assertPermissionIn(permission: string, subjects: Readonly<Record<string, SubjectDefinition>>): void {
  if (!listPermissions(subjects).includes(permission)) throw ValidationError.field("permission", "There is no such action here. Choose one from the list.");
}

/** Whether one rule applies to this action on this resource, read as an allow whatever it is. */
function ruleApplies(rule: PermissionRule, permission: string, resource: Record<string, unknown>): boolean {
  return buildAbility([{ ...rule, inverted: false }]).can(permission, resource);
}

function explain(
  query: z.output<typeof explainQuerySchema>,
  principal: Explanation["principal"],
  scope: Explanation["scope"],
  subjects: Readonly<Record<string, SubjectDefinition>>,
  held: readonly Held[],
  nameOf: (slug: string) => string,
  groupsOff: boolean,
): Explanation {
  const { subject, action } = splitPermission(query.permission);
  const resource = Object.fromEntries(
    Object.entries(query.resource).filter(([field, value]) => value !== "" && (subjects[subject]?.conditionFields ?? []).includes(field)),
  );
  const roles: ExplainedRole[] = held.map((one) => {
    const relevant = one.rules.filter((rule) => rule.subject === subject && rule.actions.includes(action));
    return {
      role: one.role,
      roleName: nameOf(one.role),
      path: one.path,
      expiresAt: one.expiresAt,
      allows: relevant.filter((rule) => !rule.inverted && ruleApplies(rule, query.permission, resource)).map((rule) => describeRule(rule, subjects)),
      denies: relevant.filter((rule) => rule.inverted && ruleApplies(rule, query.permission, resource)).map((rule) => describeRule(rule, subjects)),
    };
  });
  const allowing = roles.filter((role) => role.allows.length > 0);
  const denying = roles.filter((role) => role.denies.length > 0);
  const allowed = allowing.length > 0 && denying.length === 0;
  const where = scope.kind === "project" ? ` in ${scope.name}` : "";
  const via = (role: ExplainedRole) => `role ${role.roleName}${where}${role.path.kind === "group" ? ` via group ${role.path.groupName}` : ""}`;
  const permissionLabel = `${subjects[subject]!.label}: ${(subjects[subject]!.actions[action] ?? action).toLowerCase()}`;
  const summary = allowed
    ? `Yes: ${allowing.map(via).join("; ")}; denied by nothing.`
    : denying.length > 0
      ? `No: denied by ${denying.map(via).join("; ")}${allowing.length > 0 ? ` (which wins over ${allowing.map(via).join("; ")})` : ""}.`
      : `No: none of ${principal.name}'s roles${where} allows it${held.length === 0 ? " (they hold none here)" : ""}.`;
  return { allowed, principal, scope, permission: query.permission, permissionLabel, roles, groupsOff, summary };
}

/** The explainer's "who": an exact email, or a name (people and machine identities) matching one member; otherwise the candidates. */
export async function findMemberForExplainer(
  access: OrgAccess,
  who: string,
): Promise<{ userId: string | null; candidates: Array<{ userId: string; name: string; email: string; kind: string }> }> {
  if (!access.can("member:read")) throw new ForbiddenError("member:read");
  const text = who.trim().slice(0, 200);
  if (!text) return { userId: null, candidates: [] };
  const pattern = `%${text.replace(/[\\%_]/g, "\\$&")}%`;
  const rows = await db().$queryRaw<Array<{ user_id: string; name: string; email: string; kind: string; exact: boolean }>>`
    SELECT u.id AS user_id, u.name, u.email, u.kind::text AS kind, (u.email = ${text.toLowerCase()} OR lower(u.name) = ${text.toLowerCase()}) AS exact
      FROM org_memberships m JOIN users u ON u.id = m.user_id
     WHERE m.org_id = ${access.org.id}::uuid AND (u.name ILIKE ${pattern} OR u.email LIKE ${pattern.toLowerCase()})
     ORDER BY exact DESC, u.name, u.id
     LIMIT 8`;
  const exact = rows.filter((row) => row.exact);
  const candidates = rows.map((row) => ({ userId: row.user_id, name: row.name, email: row.email, kind: row.kind }));
  if (exact.length === 1) return { userId: exact[0]!.user_id, candidates };
  return { userId: rows.length === 1 ? rows[0]!.user_id : null, candidates };
}

/** The org's projects the explainer offers (by name): whoever may read members may ask about any. */
export async function explainerProjects(access: OrgAccess): Promise<Array<{ id: string; name: string; type: string }>> {
  if (!access.can("member:read")) throw new ForbiddenError("member:read");
  return db().project.findMany({
    where: { orgId: access.org.id },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, name: true, type: true },
  });
}

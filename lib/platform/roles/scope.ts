import "server-only";
import { holdsEveryPermission } from "../authz/boundary.ts";
import { BUILT_IN_ORG_ROLES, BUILT_IN_PROJECT_ROLES, orgRoleRules, projectRoleRules, type OrgRoleSlug, type ProjectRoleSlug } from "../authz/built-in-roles.ts";
import { ORG_SUBJECTS, projectSubjects, type ProductType, type SubjectDefinition } from "../authz/catalogue.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { permissionRulesSchema } from "../authz/rule-schema.ts";
import type { PermissionRule } from "../authz/rules.ts";
import { db, type Tx } from "../db.ts";
import { ValidationError } from "../errors.ts";
import type { Plan } from "../../generated/prisma/enums.ts";

type BuiltInRole = { slug: string; name: string; description: string; rules: PermissionRule[] };

/**
 * Where roles live: the org (org roles) or one project (project roles, for its product
 * type). Everything in lib/roles works on a scope, so both kinds share one implementation.
 */
export type RoleScope = {
  kind: "org" | "project";
  orgId: string;
  /** The org as the request loaded it, for the plan's limits. */
  org: { id: string; plan: Plan };
  projectId: string | null;
  /** Matches custom_roles.scope_key. */
  key: string;
  subjects: Readonly<Record<string, SubjectDefinition>>;
  /** A project role's product type (its condition values depend on it); null for org roles. */
  productType: ProductType | null;
  builtIns: readonly BuiltInRole[];
  actor: { userId: string; can(permission: string): boolean; holds(permission: string): boolean };
};

export function orgRoleScope(access: OrgAccess): RoleScope {
  return {
    kind: "org",
    orgId: access.org.id,
    org: access.org,
    projectId: null,
    key: `org:${access.org.id}`,
    subjects: ORG_SUBJECTS,
    productType: null,
    builtIns: (Object.keys(BUILT_IN_ORG_ROLES) as OrgRoleSlug[]).map((slug) => ({
      slug,
      name: BUILT_IN_ORG_ROLES[slug].label,
      description: BUILT_IN_ORG_ROLES[slug].description,
      rules: orgRoleRules(slug),
    })),
    actor: { userId: access.actor.userId, can: (permission) => access.can(permission as never), holds: access.holds },
  };
}

/** Where a project's roles live and which exist built in: enough to resolve one by slug. */
export type ProjectRoleCatalogue = Pick<RoleScope, "key" | "subjects" | "productType" | "builtIns">;

export function projectRoleCatalogue(project: { id: string; type: ProductType }): ProjectRoleCatalogue {
  return {
    key: `project:${project.id}`,
    subjects: projectSubjects(project.type),
    productType: project.type,
    builtIns: (Object.keys(BUILT_IN_PROJECT_ROLES) as ProjectRoleSlug[]).map((slug) => ({
      slug,
      name: BUILT_IN_PROJECT_ROLES[slug].label,
      description: BUILT_IN_PROJECT_ROLES[slug].description,
      rules: projectRoleRules(slug, project.type),
    })),
  };
}

export function projectRoleScope(access: ProjectAccess): RoleScope {
  const { project } = access;
  return {
    kind: "project",
    orgId: access.orgAccess.org.id,
    org: access.orgAccess.org,
    projectId: project.id,
    ...projectRoleCatalogue(project),
    actor: { userId: access.orgAccess.actor.userId, can: access.can, holds: access.holds },
  };
}

export type ResolvedRole = { slug: string; name: string; description: string; rules: PermissionRule[]; builtIn: boolean; id: string | null; version: number };

/** A role of the scope by slug, built-in or custom, with its rules; null if there is none. */
export async function resolveRole(
  client: Pick<Tx, "customRole">,
  scope: Pick<RoleScope, "builtIns" | "key" | "subjects">,
  slug: string,
): Promise<ResolvedRole | null> {
  const builtIn = scope.builtIns.find((role) => role.slug === slug);
  if (builtIn) return { ...builtIn, builtIn: true, id: null, version: 0 };
  const custom = await client.customRole.findUnique({
    where: { scopeKey_slug: { scopeKey: scope.key, slug } },
    select: { id: true, slug: true, name: true, description: true, permissions: true, version: true },
  });
  if (!custom) return null;
  const parsed = permissionRulesSchema(scope.subjects).safeParse(custom.permissions);
  return { ...custom, rules: parsed.success ? parsed.data : [], builtIn: false };
}

/**
 * The boundary rule for handing roles out (or taking them away): each must exist in the
 * scope and allow nothing the actor does not hold there. Returns the roles, resolved.
 */
export async function assertCanGrant(
  scope: RoleScope,
  slugs: readonly string[],
  field: string,
  client: Pick<Tx, "customRole"> = db(),
): Promise<ResolvedRole[]> {
  const resolved: ResolvedRole[] = [];
  for (const slug of new Set(slugs)) {
    const role = await resolveRole(client, scope, slug);
    if (!role) throw ValidationError.field(field, `There is no role "${slug}" here. Choose another.`);
    if (!holdsEveryPermission(scope.actor, role.rules)) {
      throw ValidationError.field(field, `You cannot give or take away the ${role.name} role: it allows more than you hold.`);
    }
    resolved.push(role);
  }
  return resolved;
}

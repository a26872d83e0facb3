import "server-only";
import { orgRoleLabel, projectRoleLabel } from "../authz/role-labels.ts";
import { db, type Tx } from "../db.ts";

export type RoleNamer = {
  org(slug: string): string;
  project(projectId: string, slug: string): string;
};

/**
 * Display names for role slugs of one org: built-in labels, or the names of the org's
 * custom roles (org and project ones), read in one query. Inside a transaction pass its `tx`:
 * asking the pool for a second connection while holding locks starves it under concurrency.
 */
export async function roleNamesIn(orgId: string, client: Pick<Tx, "customRole"> = db()): Promise<RoleNamer> {
  const custom = await client.customRole.findMany({ where: { orgId }, select: { scopeKey: true, slug: true, name: true } });
  const names = new Map(custom.map((role) => [`${role.scopeKey}/${role.slug}`, role.name]));
  return {
    org: (slug) => names.get(`org:${orgId}/${slug}`) ?? orgRoleLabel(slug),
    project: (projectId, slug) => names.get(`project:${projectId}/${slug}`) ?? projectRoleLabel(slug),
  };
}

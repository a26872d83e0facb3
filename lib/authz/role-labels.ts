import { BUILT_IN_ORG_ROLES, BUILT_IN_PROJECT_ROLES, type OrgRoleSlug, type ProjectRoleSlug } from "./built-in-roles.ts";

/** Display names of the built-in roles, for pages and pickers. */
export const ROLE_LABELS = {
  org: Object.fromEntries(Object.entries(BUILT_IN_ORG_ROLES).map(([slug, role]) => [slug, role.label])) as Record<OrgRoleSlug, string>,
  project: Object.fromEntries(Object.entries(BUILT_IN_PROJECT_ROLES).map(([slug, role]) => [slug, role.label])) as Record<
    ProjectRoleSlug,
    string
  >,
};

/** The label of a stored org role slug (the slug itself if it is not a built-in role). */
export function orgRoleLabel(slug: string): string {
  return Object.hasOwn(ROLE_LABELS.org, slug) ? ROLE_LABELS.org[slug as OrgRoleSlug] : slug;
}

/** The label of a stored project role slug (the slug itself if it is not a built-in role). */
export function projectRoleLabel(slug: string): string {
  return Object.hasOwn(ROLE_LABELS.project, slug) ? ROLE_LABELS.project[slug as ProjectRoleSlug] : slug;
}

import { BUILT_IN_ORG_ROLES, BUILT_IN_PROJECT_ROLES, isOrgRoleSlug, isProjectRoleSlug } from "./built-in-roles.ts";

/** The label of a stored org role slug (the slug itself if it is not a built-in role). */
export function orgRoleLabel(slug: string): string {
  return isOrgRoleSlug(slug) ? BUILT_IN_ORG_ROLES[slug].label : slug;
}

/** The label of a stored project role slug (the slug itself if it is not a built-in role). */
export function projectRoleLabel(slug: string): string {
  return isProjectRoleSlug(slug) ? BUILT_IN_PROJECT_ROLES[slug].label : slug;
}

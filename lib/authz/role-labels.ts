import { BUILT_IN_ORG_ROLES, BUILT_IN_PROJECT_ROLES, type OrgRoleSlug, type ProjectRoleSlug } from "./built-in-roles.ts";

/** Display names of the built-in roles, for pages and pickers. */
export const ROLE_LABELS = {
  org: Object.fromEntries(Object.entries(BUILT_IN_ORG_ROLES).map(([slug, role]) => [slug, role.label])) as Record<OrgRoleSlug, string>,
  project: Object.fromEntries(Object.entries(BUILT_IN_PROJECT_ROLES).map(([slug, role]) => [slug, role.label])) as Record<
    ProjectRoleSlug,
    string
  >,
};

/** Built-in org roles. The full permission catalogue builds on these slugs. */
export const ORG_ROLES = { admin: "admin", member: "member", noAccess: "no-access" } as const;
export type OrgRoleSlug = (typeof ORG_ROLES)[keyof typeof ORG_ROLES];

export const ORG_ROLE_LABELS: Record<OrgRoleSlug, string> = {
  admin: "Admin",
  member: "Member",
  "no-access": "No access",
};

export function isOrgRoleSlug(value: string): value is OrgRoleSlug {
  return Object.hasOwn(ORG_ROLE_LABELS, value);
}

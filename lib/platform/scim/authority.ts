import type { OrgPermission } from "../authz/catalogue.ts";

/** What provisioning does with a token, so what its creator must hold when they make it and at each use. */
export const SCIM_AUTHORITY: readonly OrgPermission[] = [
  "organization:edit",
  "member:invite",
  "member:remove",
  "group:create",
  "group:edit",
  "group:delete",
  "group:manage-members",
];

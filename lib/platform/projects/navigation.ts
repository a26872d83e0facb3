import type { ProductType } from "../authz/catalogue.ts";

export type ProjectSection = {
  /** URL segment under the project; "" is the overview. */
  segment: string;
  label: string;
  /** Shown only to members who hold this permission in the project. */
  permission: string;
  /** Only in projects of these types; every type when absent. */
  types?: readonly ProductType[];
};

/** A project's pages. The navigation and the pages themselves both read this list. */
export const PROJECT_SECTIONS: readonly ProjectSection[] = [
  { segment: "", label: "Overview", permission: "project:read" },
  { segment: "secrets", label: "Secrets", permission: "secret:describe", types: ["SECRET_MANAGER"] },
  { segment: "environments", label: "Environments", permission: "environment:read", types: ["SECRET_MANAGER"] },
  { segment: "certificate-authorities", label: "Certificate authorities", permission: "certificate-authority:read", types: ["PKI"] },
  { segment: "certificate-profiles", label: "Certificate profiles", permission: "certificate-profile:read", types: ["PKI"] },
  { segment: "certificates", label: "Certificates", permission: "certificate:read", types: ["PKI"] },
  { segment: "access-requests", label: "Access requests", permission: "access-request:create", types: ["PAM"] },
  { segment: "accounts", label: "Accounts", permission: "account:read", types: ["PAM"] },
  { segment: "resources", label: "Resources", permission: "resource:read", types: ["PAM"] },
  { segment: "access-policies", label: "Access policies", permission: "access-policy:read", types: ["PAM"] },
  { segment: "sessions", label: "Grants and sessions", permission: "session:read", types: ["PAM"] },
  { segment: "members", label: "Members", permission: "member:read" },
  { segment: "roles", label: "Roles", permission: "role:read" },
  { segment: "request-policies", label: "Request policies", permission: "role-policy:read" },
  { segment: "audit-log", label: "Audit log", permission: "audit-log:read" },
  { segment: "settings", label: "Settings", permission: "project:edit" },
];

/** The sections a project of this type has that the actor may open. */
export function visibleSections(type: ProductType, can: (permission: string) => boolean): ProjectSection[] {
  return PROJECT_SECTIONS.filter((section) => (!section.types || section.types.includes(type)) && can(section.permission));
}

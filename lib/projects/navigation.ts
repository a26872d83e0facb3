import type { ProductType } from "../authz/catalogue.ts";

export type ProjectSection = {
  /** URL segment under the project; "" is the overview. */
  segment: string;
  label: string;
  /** Shown only to members who hold this permission in the project. */
  permission: string;
  /** Only in projects of these types; every type when absent. */
  types?: readonly ProductType[];
  /** For a section not built yet: what will live there. */
  upcoming?: string;
};

/** A project's pages. The navigation and the pages themselves both read this list. */
export const PROJECT_SECTIONS: readonly ProjectSection[] = [
  { segment: "", label: "Overview", permission: "project:read" },
  { segment: "secrets", label: "Secrets", permission: "secret:describe", types: ["SECRET_MANAGER"] },
  { segment: "environments", label: "Environments", permission: "environment:read", types: ["SECRET_MANAGER"] },
  { segment: "certificate-authorities", label: "Certificate authorities", permission: "certificate-authority:read", types: ["PKI"] },
  { segment: "certificates", label: "Certificates", permission: "certificate:read", types: ["PKI"] },
  { segment: "resources", label: "Resources", permission: "resource:read", types: ["PAM"], upcoming: "The databases and servers people reach through this project, and the broker login Tessera uses to grant access to them." },
  { segment: "accounts", label: "Accounts", permission: "account:read", types: ["PAM"], upcoming: "The accounts on each resource that people may ask to use, and for how long at most." },
  { segment: "access-requests", label: "Access requests", permission: "access-request:create", types: ["PAM"], upcoming: "Requests for time-boxed access to an account, and the approvals each one needs." },
  { segment: "sessions", label: "Sessions", permission: "session:read", types: ["PAM"], upcoming: "Who holds access right now and until when, with a way to end it early." },
  { segment: "members", label: "Members", permission: "member:read" },
  { segment: "roles", label: "Roles", permission: "role:read" },
  { segment: "audit-log", label: "Audit log", permission: "audit-log:read" },
  { segment: "settings", label: "Settings", permission: "project:edit" },
];

/** The sections a project of this type has that the actor may open. */
export function visibleSections(type: ProductType, can: (permission: string) => boolean): ProjectSection[] {
  return PROJECT_SECTIONS.filter(
    (section) => (!section.types || section.types.includes(type)) && can(section.permission),
  );
}

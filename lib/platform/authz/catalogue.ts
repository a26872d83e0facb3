// The permission catalogue: every subject and action Tessera checks, per scope. It is the
// one source of truth for the checks, the built-in roles, the role editor and the tests.

export const PRODUCT_TYPES = ["SECRET_MANAGER", "PKI", "PAM"] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export const PRODUCT_TYPE_LABELS: Record<ProductType, string> = {
  SECRET_MANAGER: "Secrets Management",
  PKI: "PKI",
  PAM: "PAM",
};

/** What each product type is for, in the words its empty states and pickers use. */
export const PRODUCT_TYPE_DESCRIPTIONS: Record<ProductType, string> = {
  SECRET_MANAGER: "Store API keys, database passwords and other secrets per environment, and control who reads them.",
  PKI: "Run certificate authorities and issue, renew and revoke the certificates your services use.",
  PAM: "Time-boxed logins to PostgreSQL databases: people ask for a role of a database, others approve, and Tessera creates a login that ends on its own. Connections are sampled while it lives.",
};

export type SubjectDefinition = {
  label: string;
  actions: Readonly<Record<string, string>>;
  /** Resource fields a rule may put conditions on (matched with eq, ne, in or glob). */
  conditionFields?: readonly string[];
};

export const ORG_SUBJECTS = {
  organization: { label: "Organization", actions: { read: "View", edit: "Edit settings", delete: "Delete" } },
  billing: { label: "Billing", actions: { read: "View plan and usage", manage: "Edit billing details" } },
  member: {
    label: "Members",
    actions: { read: "View", invite: "Invite", "edit-role": "Change roles", remove: "Remove" },
  },
  "invite-link": { label: "Invite links", actions: { read: "View", create: "Create", revoke: "Revoke" } },
  role: { label: "Roles", actions: { read: "View", create: "Create", edit: "Edit", delete: "Delete" } },
  project: {
    label: "Projects",
    actions: { create: "Create", browse: "See every project's name and ask to join", "read-all": "See and join every project" },
  },
  identity: {
    label: "Machine identities",
    actions: { read: "View", create: "Create", edit: "Edit", delete: "Delete", "manage-auth": "Manage logins and secrets" },
  },
  group: {
    label: "Groups",
    actions: { read: "View", create: "Create", edit: "Edit, give roles", delete: "Delete", "manage-members": "Add and remove members" },
  },
  "audit-log": { label: "Audit log", actions: { read: "View" } },
} as const satisfies Record<string, SubjectDefinition>;

/** Subjects every project has, whatever its product type. */
export const PROJECT_COMMON_SUBJECTS = {
  project: { label: "Project", actions: { read: "View", edit: "Edit settings", delete: "Delete" } },
  member: { label: "Members", actions: { read: "View", add: "Add", "edit-role": "Change roles", remove: "Remove" } },
  role: { label: "Roles", actions: { read: "View", create: "Create", edit: "Edit", delete: "Delete" } },
  "audit-log": { label: "Audit log", actions: { read: "View" } },
  "role-request": { label: "Role requests", actions: { create: "Ask for a role", approve: "Approve, reject, end early" } },
  "role-policy": { label: "Role request policies", actions: { read: "View", create: "Create", edit: "Edit", delete: "Delete" } },
} as const satisfies Record<string, SubjectDefinition>;

/** Subjects of each product type; a project only ever evaluates its own type's. */
export const PRODUCT_SUBJECTS = {
  SECRET_MANAGER: {
    environment: { label: "Environments", actions: { read: "View", create: "Create", edit: "Edit", delete: "Delete" } },
    secret: {
      label: "Secrets",
      actions: {
        describe: "See keys",
        "read-value": "Read values",
        create: "Create",
        edit: "Edit",
        delete: "Delete",
      },
      conditionFields: ["environment", "secretPath"],
    },
  },
  PKI: {
    "certificate-authority": {
      label: "Certificate authorities",
      actions: { read: "View", create: "Create", edit: "Enable, disable, import", delete: "Delete", "issue-intermediate": "Sign intermediates" },
      conditionFields: ["caName"],
    },
    "certificate-profile": {
      label: "Certificate profiles",
      actions: { read: "View", create: "Create", edit: "Edit", delete: "Delete", "manage-acme": "Make and revoke ACME keys" },
      conditionFields: ["profileName"],
    },
    "expiry-alert": {
      label: "Expiry alerts",
      actions: { read: "View", edit: "Set the days and recipients" },
    },
    certificate: {
      label: "Certificates",
      actions: { read: "View", issue: "Issue", renew: "Renew", revoke: "Revoke", "read-private-key": "Read private keys" },
      // `name`: the common name and every SAN of the certificate must match.
      conditionFields: ["caName", "profileName", "name"],
    },
  },
  PAM: {
    resource: {
      label: "Resources",
      actions: { read: "View", create: "Create", edit: "Edit, test connection", delete: "Delete" },
      conditionFields: ["resourceName"],
    },
    account: {
      label: "Accounts",
      actions: { read: "View", create: "Create", edit: "Edit", delete: "Delete", access: "Ask for access" },
      conditionFields: ["resourceName", "accountName"],
    },
    "access-policy": {
      label: "Access policies",
      actions: { read: "View", create: "Create", edit: "Edit", delete: "Delete" },
    },
    "access-request": {
      label: "Access requests",
      actions: { create: "Request access", approve: "Approve or reject", revoke: "Revoke grants" },
      conditionFields: ["resourceName", "accountName"],
    },
    session: { label: "Grants and sessions", actions: { read: "View" } },
  },
} as const satisfies Record<ProductType, Record<string, SubjectDefinition>>;

type ActionsOf<S extends Record<string, SubjectDefinition>> = {
  [K in keyof S]: keyof S[K]["actions"] & string;
};
/** "subject:action" for every pair in a subject map. */
type PermissionsOf<S extends Record<string, SubjectDefinition>> = {
  [K in keyof S & string]: `${K}:${ActionsOf<S>[K]}`;
}[keyof S & string];

export type OrgSubject = keyof typeof ORG_SUBJECTS;
export type OrgPermission = PermissionsOf<typeof ORG_SUBJECTS>;
export type ProjectPermission =
  PermissionsOf<typeof PROJECT_COMMON_SUBJECTS> | { [T in ProductType]: PermissionsOf<(typeof PRODUCT_SUBJECTS)[T]> }[ProductType];

const PROJECT_SUBJECTS_BY_TYPE = Object.fromEntries(
  PRODUCT_TYPES.map((type) => [type, Object.freeze({ ...PROJECT_COMMON_SUBJECTS, ...PRODUCT_SUBJECTS[type] })]),
) as unknown as Record<ProductType, Readonly<Record<string, SubjectDefinition>>>;

/** The subjects of one project, common ones first (one shared object per type). */
export function projectSubjects(type: ProductType): Readonly<Record<string, SubjectDefinition>> {
  return PROJECT_SUBJECTS_BY_TYPE[type];
}

/** Every "subject:action" pair of a subject map, in catalogue order. */
export function listPermissions(subjects: Record<string, SubjectDefinition>): string[] {
  return Object.entries(subjects).flatMap(([subject, { actions }]) => Object.keys(actions).map((action) => `${subject}:${action}`));
}

export function splitPermission(permission: string): { subject: string; action: string } {
  const at = permission.indexOf(":");
  return { subject: permission.slice(0, at), action: permission.slice(at + 1) };
}

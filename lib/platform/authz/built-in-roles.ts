import { ORG_SUBJECTS, PRODUCT_SUBJECTS, PROJECT_COMMON_SUBJECTS, type ProductType, type SubjectDefinition } from "./catalogue.ts";
import type { PermissionRule } from "./rules.ts";

/**
 * A role's explicit decision for every subject of its scope. The types make leaving a
 * subject out a compile error, and tests/unit/authz checks the same at run time: a new
 * subject or action cannot ship without each built-in role saying yes or no to it.
 */
type Grants<S extends Record<string, SubjectDefinition>> = {
  readonly [K in keyof S]: ReadonlyArray<keyof S[K]["actions"] & string>;
};

type BuiltInRole<G> = { label: string; description: string; grants: G };

type ProjectGrants = {
  common: Grants<typeof PROJECT_COMMON_SUBJECTS>;
  products: { [T in ProductType]: Grants<(typeof PRODUCT_SUBJECTS)[T]> };
};

function all<S extends Record<string, SubjectDefinition>>(subjects: S): Grants<S> {
  return Object.fromEntries(Object.entries(subjects).map(([subject, definition]) => [subject, Object.keys(definition.actions)])) as unknown as Grants<S>;
}

function none<S extends Record<string, SubjectDefinition>>(subjects: S): Grants<S> {
  return Object.fromEntries(Object.keys(subjects).map((subject) => [subject, []])) as unknown as Grants<S>;
}

export const BUILT_IN_ORG_ROLES = {
  admin: { label: "Admin", description: "Everything in the organization.", grants: all(ORG_SUBJECTS) },
  member: {
    label: "Member",
    description:
      "Reads the organization, its members, groups, machine identities and roles; creates projects, sees every project and asks to join; sees billing.",
    grants: {
      organization: ["read"],
      billing: ["read"],
      member: ["read"],
      "invite-link": [],
      role: ["read"],
      project: ["create", "browse"],
      identity: ["read"],
      group: ["read"],
      "audit-log": [],
    },
  },
  "no-access": {
    label: "No access",
    description: "Membership only; reaches projects through project roles.",
    grants: none(ORG_SUBJECTS),
  },
} as const satisfies Record<string, BuiltInRole<Grants<typeof ORG_SUBJECTS>>>;

export const BUILT_IN_PROJECT_ROLES = {
  admin: {
    label: "Admin",
    description: "Everything in the project.",
    grants: {
      common: all(PROJECT_COMMON_SUBJECTS),
      products: {
        SECRET_MANAGER: all(PRODUCT_SUBJECTS.SECRET_MANAGER),
        PKI: all(PRODUCT_SUBJECTS.PKI),
        PAM: all(PRODUCT_SUBJECTS.PAM),
      },
    },
  },
  member: {
    label: "Member",
    description: "Works with the product's resources; reads members and roles.",
    grants: {
      common: { project: ["read"], member: ["read"], role: ["read"], "audit-log": [], "role-request": ["create"], "role-policy": ["read"] },
      products: {
        SECRET_MANAGER: {
          environment: ["read"],
          secret: ["describe", "read-value", "create", "edit", "delete"],
        },
        PKI: {
          "certificate-authority": ["read"],
          "certificate-profile": ["read"],
          "expiry-alert": ["read"],
          certificate: ["read", "issue", "renew", "revoke"],
        },
        PAM: {
          resource: ["read"],
          account: ["read", "access"],
          "access-policy": ["read"],
          "access-request": ["create"],
          session: ["read"],
        },
      },
    },
  },
  viewer: {
    label: "Viewer",
    description: "Reads everything but secret values, and changes nothing.",
    grants: {
      common: { project: ["read"], member: ["read"], role: ["read"], "audit-log": [], "role-request": ["create"], "role-policy": ["read"] },
      products: {
        SECRET_MANAGER: { environment: ["read"], secret: ["describe"] },
        PKI: { "certificate-authority": ["read"], "certificate-profile": ["read"], "expiry-alert": ["read"], certificate: ["read"] },
        PAM: { resource: ["read"], account: ["read"], "access-policy": ["read"], "access-request": [], session: ["read"] },
      },
    },
  },
  "no-access": {
    label: "No access",
    description: "Project membership without any access.",
    grants: {
      common: none(PROJECT_COMMON_SUBJECTS),
      products: {
        SECRET_MANAGER: none(PRODUCT_SUBJECTS.SECRET_MANAGER),
        PKI: none(PRODUCT_SUBJECTS.PKI),
        PAM: none(PRODUCT_SUBJECTS.PAM),
      },
    },
  },
} as const satisfies Record<string, BuiltInRole<ProjectGrants>>;

export type OrgRoleSlug = keyof typeof BUILT_IN_ORG_ROLES;
export type ProjectRoleSlug = keyof typeof BUILT_IN_PROJECT_ROLES;

export function isOrgRoleSlug(value: string): value is OrgRoleSlug {
  return Object.hasOwn(BUILT_IN_ORG_ROLES, value);
}

export function isProjectRoleSlug(value: string): value is ProjectRoleSlug {
  return Object.hasOwn(BUILT_IN_PROJECT_ROLES, value);
}

function grantsToRules(grants: Record<string, ReadonlyArray<string>>): PermissionRule[] {
  return Object.entries(grants)
    .filter(([, actions]) => actions.length > 0)
    .map(([subject, actions]) => ({ subject, actions: [...actions] }));
}

export function orgRoleRules(role: OrgRoleSlug): PermissionRule[] {
  return grantsToRules(BUILT_IN_ORG_ROLES[role].grants);
}

/** A built-in project role's rules for one product type: common subjects plus that type's. */
export function projectRoleRules(role: ProjectRoleSlug, type: ProductType): PermissionRule[] {
  const { common, products } = BUILT_IN_PROJECT_ROLES[role].grants;
  return [...grantsToRules(common), ...grantsToRules(products[type])];
}

import * as accountActions from "@/lib/platform/actions/account-actions";
import * as auditLogActions from "@/lib/platform/actions/audit-log-actions";
import * as billingActions from "@/lib/platform/actions/billing-actions";
import * as authActions from "@/lib/platform/actions/auth-actions";
import * as invitationActions from "@/lib/platform/actions/invitation-actions";
import * as identityActions from "@/lib/platform/actions/identity-actions";
import * as groupActions from "@/lib/platform/actions/group-actions";
import * as inviteLinkActions from "@/lib/platform/actions/invite-link-actions";
import { actionDefinition, invokeAction, type ActionDefinition } from "@/lib/platform/actions/define-action";
import * as orgActions from "@/lib/platform/actions/org-actions";
import * as orgMemberActions from "@/lib/platform/actions/org-member-actions";
import * as pamActions from "@/lib/products/pam/pam-actions";
import * as pkiActions from "@/lib/products/pki/pki-actions";
import * as projectActions from "@/lib/platform/actions/project-actions";
import * as projectMemberActions from "@/lib/platform/actions/project-member-actions";
import * as roleActions from "@/lib/platform/actions/role-actions";
import * as roleRequestActions from "@/lib/platform/actions/role-request-actions";
import * as secretActions from "@/lib/products/secrets/secret-actions";
import type { SessionClaims } from "@/lib/platform/auth/authenticate";

/** Every server action module of the app; a new module must be added here (the matrix checks). */
export const ALL_ACTIONS: Record<string, unknown> = {
  ...authActions,
  ...auditLogActions,
  ...accountActions,
  ...orgActions,
  ...orgMemberActions,
  ...invitationActions,
  ...inviteLinkActions,
  ...identityActions,
  ...projectActions,
  ...projectMemberActions,
  ...roleActions,
  ...roleRequestActions,
  ...secretActions,
  ...pkiActions,
  ...pamActions,
  ...billingActions,
  ...groupActions,
};

export function definitionOf(name: string): ActionDefinition {
  const action = ALL_ACTIONS[name];
  const definition = typeof action === "function" ? actionDefinition(action) : undefined;
  if (!definition) throw new Error(`${name} is not defined through lib/platform/actions/define-action.ts`);
  return definition;
}

/** Runs a server action's real checks and domain function as the holder of `claims`. */
export function callAction(name: string, claims: SessionClaims | null, input: unknown) {
  return invokeAction(definitionOf(name), claims, input);
}

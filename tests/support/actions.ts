import * as accountActions from "@/lib/actions/account-actions";
import * as auditLogActions from "@/lib/actions/audit-log-actions";
import * as billingActions from "@/lib/actions/billing-actions";
import * as authActions from "@/lib/actions/auth-actions";
import * as invitationActions from "@/lib/actions/invitation-actions";
import * as identityActions from "@/lib/actions/identity-actions";
import * as inviteLinkActions from "@/lib/actions/invite-link-actions";
import { actionDefinition, invokeAction, type ActionDefinition } from "@/lib/actions/define-action";
import * as orgActions from "@/lib/actions/org-actions";
import * as orgMemberActions from "@/lib/actions/org-member-actions";
import * as pamActions from "@/lib/actions/pam-actions";
import * as pkiActions from "@/lib/actions/pki-actions";
import * as projectActions from "@/lib/actions/project-actions";
import * as projectMemberActions from "@/lib/actions/project-member-actions";
import * as roleActions from "@/lib/actions/role-actions";
import * as secretActions from "@/lib/actions/secret-actions";
import type { SessionClaims } from "@/lib/auth/authenticate";

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
  ...secretActions,
  ...pkiActions,
  ...pamActions,
  ...billingActions,
};

export function definitionOf(name: string): ActionDefinition {
  const action = ALL_ACTIONS[name];
  const definition = typeof action === "function" ? actionDefinition(action) : undefined;
  if (!definition) throw new Error(`${name} is not defined through lib/actions/define-action.ts`);
  return definition;
}

/** Runs a server action's real checks and domain function as the holder of `claims`. */
export function callAction(name: string, claims: SessionClaims | null, input: unknown) {
  return invokeAction(definitionOf(name), claims, input);
}

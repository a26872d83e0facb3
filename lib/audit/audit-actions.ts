/**
 * Every action the audit log knows, with how the log names it. Later work adds to this
 * record, never free text: a missing label is a type error.
 */
export const AUDIT_ACTION_LABELS = {
  "org.created": "Organization created",
  "org.renamed": "Organization renamed",
  "org.deleted": "Organization deleted",
  "member.invited": "Member invited",
  "member.joined": "Member joined",
  "member.join-refused-no-seat": "Join refused: no free seat",
  "member.join-refused-creator-lapsed": "Join refused: whoever made the invitation can no longer grant it",
  "invitation.refused": "Invitation refused: expired, revoked or used",
  "invitation.resent": "Invitation resent",
  "invitation.revoked": "Invitation revoked",
  "invite-link.created": "Invite link created",
  "invite-link.revoked": "Invite link revoked",
  "invite-link.used": "Invite link used",
  "member.role-changed": "Member role changed",
  "member.removed": "Member removed",
  "member.left": "Member left",
  "role.created": "Role created",
  "role.edited": "Role edited",
  "role.deleted": "Role deleted",
  "project.created": "Project created",
  "project.renamed": "Project renamed",
  "project.deleted": "Project deleted",
  "project.joined-as-admin": "Joined a project as admin",
  "project-member.added": "Project member added",
  "project-member.roles-changed": "Project member roles changed",
  "project-member.removed": "Project member removed",
  "project-member.left": "Project member left",
  "project-member.grant-expired": "Temporary project role expired",
  "environment.created": "Environment created",
  "environment.renamed": "Environment renamed",
  "environment.reordered": "Environment moved",
  "environment.deleted": "Environment deleted",
  "secret-folder.created": "Secret folder created",
  "secret-folder.deleted": "Secret folder deleted",
  "secret.created": "Secret created",
  "secret.updated": "Secret updated",
  "secret.deleted": "Secret deleted",
  "secret.value-revealed": "Secret value revealed",
  "secret.imported": "Secrets imported from .env",
  "secret.exported": "Secrets exported to .env",
  "secret.read-via-api": "Secrets read through the API",
  "identity.created": "Machine identity created",
  "identity.updated": "Machine identity changed",
  "identity.auth-updated": "Universal Auth settings changed",
  "identity.deleted": "Machine identity deleted",
  "identity.client-secret-created": "Client secret created",
  "identity.client-secret-revoked": "Client secret revoked",
  "identity.login": "Machine identity logged in",
  "identity.login-refused": "Machine identity login refused",
  "identity.token-revoked": "Access token revoked",
  "audit-log.retention-changed": "Audit log retention changed",
  "permission.denied": "Permission denied (sampled)",
  "sign-in.failed": "Sign-in failed",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, value);
}

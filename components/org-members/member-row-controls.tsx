/** The attributes through which server-rendered row controls name their member to MemberRowActions. */
export const MEMBER_ROW = {
  membershipId: "data-membership-id",
  memberName: "data-member-name",
  role: "data-role",
  roleName: "data-role-name",
  changeRole: "data-change-role",
  remove: "data-remove-member",
} as const;

type Member = { membershipId: string; memberName: string };

/**
 * A member's org role, as a button rendered on the server: it opens MemberRowActions'
 * "Change role" dialog, where a new role is chosen and confirmed. Nothing about it changes
 * on a stray arrow key, and a page of 50 rows carries 50 buttons, not 50 lists of roles.
 */
export function OrgRoleButton({ membershipId, memberName, role, roleName }: Member & { role: string; roleName: string }) {
  return (
    <button
      type="button"
      className="row-button row-button-caret"
      aria-haspopup="dialog"
      aria-label={`Role of ${memberName}: ${roleName}. Change`}
      {...{
        [MEMBER_ROW.changeRole]: "",
        [MEMBER_ROW.membershipId]: membershipId,
        [MEMBER_ROW.memberName]: memberName,
        [MEMBER_ROW.role]: role,
        [MEMBER_ROW.roleName]: roleName,
      }}>
      {roleName}
    </button>
  );
}

/** Opens MemberRowActions' removal confirmation for its member. */
export function RemoveMemberButton({ membershipId, memberName }: Member) {
  return (
    <button
      type="button"
      className="row-button"
      aria-label={`Remove ${memberName}`}
      {...{ [MEMBER_ROW.remove]: "", [MEMBER_ROW.membershipId]: membershipId, [MEMBER_ROW.memberName]: memberName }}>
      Remove
    </button>
  );
}

"use server";

import { changeOrgMemberRole } from "../org-members/change-org-member-role.ts";
import { leaveOrg, removeOrgMember } from "../org-members/remove-org-member.ts";
import { changeOrgMemberRoleSchema, orgRefSchema, removeOrgMemberSchema } from "../org-members/schemas.ts";
import { ANY_MEMBER, defineOrgAction } from "./define-action.ts";

export const changeOrgMemberRoleAction = defineOrgAction({
  permission: "member:edit-role",
  schema: changeOrgMemberRoleSchema,
  handler: (access, input) => changeOrgMemberRole(access, input),
});

export const removeOrgMemberAction = defineOrgAction({
  permission: "member:remove",
  schema: removeOrgMemberSchema,
  handler: (access, input) => removeOrgMember(access, input),
});

export const leaveOrgAction = defineOrgAction({
  permission: ANY_MEMBER,
  schema: orgRefSchema,
  handler: (access) => leaveOrg(access),
});

"use server";

import { changeOrgMemberRole } from "../org-members/change-org-member-role.ts";
import { leaveOrg, removeOrgMember } from "../org-members/remove-org-member.ts";
import { offersAtRisk } from "../org-members/offers-at-risk.ts";
import { changeOrgMemberRoleSchema, offersVoidedByRoleChangeSchema, removeOrgMemberSchema } from "../org-members/schemas.ts";
import { orgRefSchema } from "../slugs.ts";
import { ANY_MEMBER, defineOrgAction } from "./define-action.ts";

export const changeOrgMemberRoleAction = defineOrgAction({
  permission: "member:edit-role",
  stepUp: true,
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

/** Read-only: the invitations and links a role change would void, for its confirmation. */
export const offersVoidedByRoleChangeAction = defineOrgAction({
  permission: "member:edit-role",
  schema: offersVoidedByRoleChangeSchema,
  handler: (access, input) => offersAtRisk(access, input),
});

/** Read-only: the invitations and links a removal would void, for its confirmation. */
export const offersVoidedByRemovalAction = defineOrgAction({
  permission: "member:remove",
  schema: removeOrgMemberSchema,
  handler: (access, input) => offersAtRisk(access, input),
});

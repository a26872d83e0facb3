"use server";

import { addGroupMembers, removeGroupMember } from "../groups/group-members.ts";
import { createGroup } from "../groups/create-group.ts";
import { deleteGroup } from "../groups/delete-group.ts";
import { findGroupCandidates } from "../groups/group-candidates.ts";
import { removeGroupFromProject, setGroupProjectRoles } from "../groups/group-project-roles.ts";
import { updateGroup } from "../groups/update-group.ts";
import {
  addGroupMembersSchema,
  createGroupSchema,
  groupCandidateSearchSchema,
  groupRefSchema,
  removeGroupFromProjectSchema,
  removeGroupMemberSchema,
  groupIdpGroupFormSchema,
  setGroupProjectRolesSchema,
  updateGroupSchema,
} from "../groups/schemas.ts";
import { setGroupIdpGroup } from "../groups/idp-group.ts";
import { defineOrgAction, defineProjectAction } from "./define-action.ts";

export const createGroupAction = defineOrgAction({
  permission: "group:create",
  schema: createGroupSchema,
  handler: (access, input) => createGroup(access, input),
});

export const updateGroupAction = defineOrgAction({
  // It may change the org role the group gives.
  stepUp: true,
  permission: "group:edit",
  schema: updateGroupSchema,
  handler: (access, input) => updateGroup(access, input),
});

export const deleteGroupAction = defineOrgAction({
  permission: "group:delete",
  schema: groupRefSchema,
  handler: (access, input) => deleteGroup(access, input),
});

export const addGroupMembersAction = defineOrgAction({
  permission: "group:manage-members",
  schema: addGroupMembersSchema,
  handler: (access, input) => addGroupMembers(access, input),
});

export const removeGroupMemberAction = defineOrgAction({
  permission: "group:manage-members",
  schema: removeGroupMemberSchema,
  handler: (access, input) => removeGroupMember(access, input),
});

/** Hands who is in the group to the identity provider's group of that name, at each single sign-on. */
export const setGroupIdpGroupAction = defineOrgAction({
  permission: "group:manage-members",
  schema: groupIdpGroupFormSchema,
  handler: (access, input) => setGroupIdpGroup(access, input),
});

/** The group page's member picker: read-only, for whoever may add members. */
export const findGroupCandidatesAction = defineOrgAction({
  permission: "group:manage-members",
  schema: groupCandidateSearchSchema,
  handler: (access, input) => findGroupCandidates(access, input),
});

/** From a project's Members page: the group's roles there (adding the group when it had none). */
export const setGroupProjectRolesAction = defineProjectAction({
  permission: "member:edit-role",
  schema: setGroupProjectRolesSchema,
  handler: (access, input) => setGroupProjectRoles(access, input),
});

export const removeGroupFromProjectAction = defineProjectAction({
  permission: "member:remove",
  schema: removeGroupFromProjectSchema,
  handler: (access, input) => removeGroupFromProject(access, input),
});

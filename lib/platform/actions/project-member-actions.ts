"use server";

import { z } from "zod";
import { addProjectMembers } from "../project-members/add-project-member.ts";
import { findAddableMembers } from "../project-members/addable-members.ts";
import { changeProjectMemberRoles } from "../project-members/change-project-member-roles.ts";
import { leaveProject, removeProjectMember } from "../project-members/remove-project-member.ts";
import { findProjectPeople } from "../project-members/find-project-people.ts";
import {
  addableMemberSearchSchema,
  addProjectMemberSchema,
  changeProjectMemberRolesSchema,
  projectPeopleSearchSchema,
  removeProjectMemberSchema,
} from "../project-members/schemas.ts";
import { projectRefSchema } from "../projects/schemas.ts";
import { ANY_MEMBER, defineProjectAction } from "./define-action.ts";

export const addProjectMemberAction = defineProjectAction({
  permission: "member:add",
  schema: addProjectMemberSchema,
  handler: (access, input) => addProjectMembers(access, input),
});

/** The Add-member picker's search: read-only, for whoever may add members. */
export const findAddableMembersAction = defineProjectAction({
  permission: "member:add",
  schema: addableMemberSearchSchema,
  handler: (access, input) => findAddableMembers(access, input),
});

/** A rule's people picker (approvers, break-glass): the project's people, as its member list shows them. */
export const findProjectPeopleAction = defineProjectAction({ permission: "member:read", schema: projectPeopleSearchSchema, handler: findProjectPeople });

export const changeProjectMemberRolesAction = defineProjectAction({
  permission: "member:edit-role",
  schema: changeProjectMemberRolesSchema,
  handler: (access, input) => changeProjectMemberRoles(access, input),
});

export const removeProjectMemberAction = defineProjectAction({
  permission: "member:remove",
  schema: removeProjectMemberSchema,
  handler: (access, input) => removeProjectMember(access, input),
});

export const leaveProjectAction = defineProjectAction({
  permission: ANY_MEMBER,
  schema: projectRefSchema.extend({ confirm: z.literal(true) }),
  handler: async (access) => {
    await leaveProject(access);
    return { orgSlug: access.orgAccess.org.slug };
  },
});

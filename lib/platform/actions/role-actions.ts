"use server";

import { createRole, updateRole } from "../roles/save-role.ts";
import { deleteRole } from "../roles/delete-role.ts";
import {
  createOrgRoleSchema,
  createProjectRoleSchema,
  deleteOrgRoleSchema,
  deleteProjectRoleSchema,
  updateOrgRoleSchema,
  updateProjectRoleSchema,
} from "../roles/schemas.ts";
import { orgRoleScope, projectRoleScope } from "../roles/scope.ts";
import { roleOptions } from "../roles/list-roles.ts";
import { orgRefSchema } from "../slugs.ts";
import { defineOrgAction, defineProjectAction } from "./define-action.ts";

export const createOrgRoleAction = defineOrgAction({
  permission: "role:create",
  schema: createOrgRoleSchema,
  handler: (access, input) => createRole(orgRoleScope(access), input),
});

export const updateOrgRoleAction = defineOrgAction({
  permission: "role:edit",
  schema: updateOrgRoleSchema,
  handler: (access, input) => updateRole(orgRoleScope(access), input),
});

export const deleteOrgRoleAction = defineOrgAction({
  permission: "role:delete",
  schema: deleteOrgRoleSchema,
  handler: (access, input) => deleteRole(orgRoleScope(access), input),
});

export const createProjectRoleAction = defineProjectAction({
  permission: "role:create",
  schema: createProjectRoleSchema,
  handler: (access, input) => createRole(projectRoleScope(access), input),
});

export const updateProjectRoleAction = defineProjectAction({
  permission: "role:edit",
  schema: updateProjectRoleSchema,
  handler: (access, input) => updateRole(projectRoleScope(access), input),
});

export const deleteProjectRoleAction = defineProjectAction({
  permission: "role:delete",
  schema: deleteProjectRoleSchema,
  handler: (access, input) => deleteRole(projectRoleScope(access), input),
});

/**
 * The org's roles for the members page's dialogs (invite, change role), asked for when one
 * opens: every role with what it allows, and those the actor may hand out. Sent with every
 * page they were a third of its payload.
 */
export const orgRoleChoicesAction = defineOrgAction({
  permission: "member:read",
  schema: orgRefSchema,
  handler: async (access) => {
    const roles = await roleOptions(orgRoleScope(access));
    return {
      all: roles.all.map(({ slug, label, description, permissions }) => ({ slug, label, description, permissions })),
      grantable: roles.grantable.map(({ slug, label, allows, permissions }) => ({ slug, label, allows, permissions })),
    };
  },
});

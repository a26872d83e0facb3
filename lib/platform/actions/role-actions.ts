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

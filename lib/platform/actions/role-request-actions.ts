"use server";

import { requestProjectAccess, requestProjectRole } from "../role-requests/create-request.ts";
import { decideRoleRequest } from "../role-requests/decide-request.ts";
import { endMyRoleRequest, endRoleGrant } from "../role-requests/end-grant.ts";
import { createRolePolicy, deleteRolePolicy, updateRolePolicy } from "../role-requests/policies.ts";
import { requestOptions } from "../role-requests/requestable-roles.ts";
import {
  decideRoleRequestSchema,
  myRoleRequestRefSchema,
  requestOptionsSchema,
  requestRoleSchema,
  roleRequestRefSchema,
  rolePolicyFieldsSchema,
  rolePolicyRefSchema,
  updateRolePolicySchema,
} from "../role-requests/schemas.ts";
import { ANY_MEMBER, defineOrgAction, defineProjectAction } from "./define-action.ts";

// From the All projects list: any project of the org, for those who may browse them.
export const requestOptionsAction = defineOrgAction({ permission: "project:browse", schema: requestOptionsSchema, handler: requestOptions });
export const requestProjectAccessAction = defineOrgAction({ permission: "project:browse", schema: requestRoleSchema, handler: requestProjectAccess });
// The requester withdraws or gives back their own request, whatever their roles now.
export const endMyRoleRequestAction = defineOrgAction({ permission: ANY_MEMBER, schema: myRoleRequestRefSchema, handler: endMyRoleRequest });

// Inside a project.
export const requestProjectRoleAction = defineProjectAction({ permission: "role-request:create", schema: requestRoleSchema, handler: requestProjectRole });
export const decideRoleRequestAction = defineProjectAction({
  permission: "role-request:approve",
  stepUp: true,
  schema: decideRoleRequestSchema,
  handler: decideRoleRequest,
});
export const endRoleGrantAction = defineProjectAction({ permission: "role-request:approve", schema: roleRequestRefSchema, handler: endRoleGrant });

export const createRolePolicyAction = defineProjectAction({ permission: "role-policy:create", schema: rolePolicyFieldsSchema, handler: createRolePolicy });
export const updateRolePolicyAction = defineProjectAction({ permission: "role-policy:edit", schema: updateRolePolicySchema, handler: updateRolePolicy });
export const deleteRolePolicyAction = defineProjectAction({ permission: "role-policy:delete", schema: rolePolicyRefSchema, handler: deleteRolePolicy });

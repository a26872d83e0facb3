"use server";

import { createAccount, deleteAccount, updateAccount } from "./accounts.ts";
import { revokeGrant } from "./grants.ts";
import { createPolicy, deletePolicy, findPolicyPeople, updatePolicy } from "./policies.ts";
import { cancelRequest } from "./requests/cancel-request.ts";
import { createRequest } from "./requests/create-request.ts";
import { decideRequest } from "./requests/decide-request.ts";
import { revealCredentials } from "./requests/reveal-credentials.ts";
import { createResource, deleteResource, testResourceConnection, updateResource } from "./resources.ts";
import {
  accountFieldsSchema,
  accountRefSchema,
  createRequestSchema,
  decideRequestSchema,
  policyFieldsSchema,
  policyRefSchema,
  requestRefSchema,
  resourceFieldsSchema,
  resourceRefSchema,
  updateAccountSchema,
  updatePolicySchema,
  updateResourceSchema,
} from "./schemas.ts";
import { ANY_MEMBER, defineProjectAction } from "../../platform/actions/define-action.ts";
import { projectPeopleSearchSchema } from "../../platform/project-members/schemas.ts";

// The permission named here is the gate at the door (held somewhere in the project); the
// domain functions decide again for the resource and account the input names, and for who
// the actor is to the request (its requester, one of its approvers).

export const createPamResourceAction = defineProjectAction({ permission: "resource:create", schema: resourceFieldsSchema, handler: createResource });
export const updatePamResourceAction = defineProjectAction({ permission: "resource:edit", schema: updateResourceSchema, handler: updateResource });
export const testPamResourceAction = defineProjectAction({ permission: "resource:edit", schema: resourceRefSchema, handler: testResourceConnection });
export const deletePamResourceAction = defineProjectAction({ permission: "resource:delete", schema: resourceRefSchema, handler: deleteResource });

export const createPamAccountAction = defineProjectAction({ permission: "account:create", schema: accountFieldsSchema, handler: createAccount });
export const updatePamAccountAction = defineProjectAction({ permission: "account:edit", schema: updateAccountSchema, handler: updateAccount });
export const deletePamAccountAction = defineProjectAction({ permission: "account:delete", schema: accountRefSchema, handler: deleteAccount });

export const createAccessPolicyAction = defineProjectAction({ permission: "access-policy:create", schema: policyFieldsSchema, handler: createPolicy });
export const updateAccessPolicyAction = defineProjectAction({ permission: "access-policy:edit", schema: updatePolicySchema, handler: updatePolicy });
// The picker searches the project's people: what member:read shows anyway.
export const findPolicyPeopleAction = defineProjectAction({ permission: "member:read", schema: projectPeopleSearchSchema, handler: findPolicyPeople });
export const deleteAccessPolicyAction = defineProjectAction({ permission: "access-policy:delete", schema: policyRefSchema, handler: deletePolicy });

export const requestAccessAction = defineProjectAction({ permission: "access-request:create", schema: createRequestSchema, handler: createRequest });
export const decideAccessRequestAction = defineProjectAction({
  permission: "access-request:approve",
  stepUp: true,
  schema: decideRequestSchema,
  handler: decideRequest,
});
// Only the requester may cancel or see the credentials, whatever their roles now.
export const cancelAccessRequestAction = defineProjectAction({ permission: ANY_MEMBER, schema: requestRefSchema, handler: cancelRequest });
export const revealGrantCredentialsAction = defineProjectAction({ permission: ANY_MEMBER, schema: requestRefSchema, handler: revealCredentials });
export const revokeGrantAction = defineProjectAction({ permission: "access-request:revoke", schema: requestRefSchema, handler: revokeGrant });

"use server";

import { createClientSecret, createIdentity, deleteIdentity, revokeClientSecret } from "../identities/identities.ts";
import { createClientSecretSchema, createIdentitySchema, identityRefSchema, revokeClientSecretSchema } from "../identities/schemas.ts";
import { defineOrgAction } from "./define-action.ts";

export const createIdentityAction = defineOrgAction({
  permission: "identity:create",
  schema: createIdentitySchema,
  handler: (access, input) => createIdentity(access, input),
});

export const deleteIdentityAction = defineOrgAction({
  permission: "identity:delete",
  schema: identityRefSchema,
  handler: (access, input) => deleteIdentity(access, input),
});

export const createClientSecretAction = defineOrgAction({
  permission: "identity:manage-auth",
  schema: createClientSecretSchema,
  handler: (access, input) => createClientSecret(access, input),
});

export const revokeClientSecretAction = defineOrgAction({
  permission: "identity:manage-auth",
  schema: revokeClientSecretSchema,
  handler: (access, input) => revokeClientSecret(access, input),
});

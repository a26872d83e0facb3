"use server";

import { createClientSecret } from "../identities/create-client-secret.ts";
import { createIdentity } from "../identities/create-identity.ts";
import { deleteIdentity } from "../identities/delete-identity.ts";
import { revokeClientSecret } from "../identities/revoke-client-secret.ts";
import { revokeIdentityAccessToken } from "../identities/revoke-identity-access-token.ts";
import { updateIdentity } from "../identities/update-identity.ts";
import { updateUniversalAuth } from "../identities/update-universal-auth.ts";
import {
  createClientSecretSchema,
  createIdentitySchema,
  identityRefSchema,
  revokeAccessTokenSchema,
  revokeClientSecretSchema,
  universalAuthSettingsSchema,
  updateIdentitySchema,
} from "../identities/schemas.ts";
import { defineOrgAction } from "./define-action.ts";

export const createIdentityAction = defineOrgAction({
  permission: "identity:create",
  schema: createIdentitySchema,
  handler: (access, input) => createIdentity(access, input),
});

export const updateIdentityAction = defineOrgAction({
  permission: "identity:edit",
  schema: updateIdentitySchema,
  handler: (access, input) => updateIdentity(access, input),
});

export const deleteIdentityAction = defineOrgAction({
  permission: "identity:delete",
  schema: identityRefSchema,
  handler: (access, input) => deleteIdentity(access, input),
});

export const updateUniversalAuthAction = defineOrgAction({
  permission: "identity:manage-auth",
  schema: universalAuthSettingsSchema,
  handler: (access, input) => updateUniversalAuth(access, input),
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

export const revokeAccessTokenAction = defineOrgAction({
  permission: "identity:manage-auth",
  schema: revokeAccessTokenSchema,
  handler: (access, input) => revokeIdentityAccessToken(access, input),
});

"use server";

import {
  createClientSecret,
  createIdentity,
  deleteIdentity,
  revokeClientSecret,
  revokeIdentityAccessToken,
  updateIdentity,
  updateUniversalAuth,
} from "../identities/identities.ts";
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

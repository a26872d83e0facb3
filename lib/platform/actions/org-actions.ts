"use server";

import { createOrg } from "../orgs/create-org.ts";
import { renameOrg } from "../orgs/rename-org.ts";
import { deleteOrg } from "../orgs/delete-org.ts";
import { createOrgSchema, deleteOrgSchema, renameOrgSchema } from "../orgs/schemas.ts";
import { defineAction, defineOrgAction } from "./define-action.ts";
import { requireTwoFactorSchema, setRequireTwoFactor, setStepUpMinutes, stepUpSchema } from "../orgs/two-factor-policy.ts";
import { saveSsoConnection, setSsoActive, setSsoEnforced } from "../sso/connection.ts";
import { setSsoActiveSchema, setSsoEnforcedSchema, ssoConnectionFormSchema, ssoOptionsFormSchema } from "../sso/schemas.ts";
import { setSsoOptions } from "../sso/options.ts";
import { createScimTokenSchema, revokeScimTokenSchema } from "../scim/schemas.ts";
import { createScimToken, revokeScimToken } from "../scim/tokens.ts";

export const createOrgAction = defineAction(createOrgSchema, async (actor, input) => {
  const org = await createOrg(actor, input);
  return { slug: org.slug };
});

export const renameOrgAction = defineOrgAction({
  permission: "organization:edit",
  schema: renameOrgSchema,
  handler: (access, input) => renameOrg(access, input),
});

export const deleteOrgAction = defineOrgAction({
  permission: "organization:delete",
  schema: deleteOrgSchema,
  handler: (access, input) => deleteOrg(access, input),
});

/** "Require two-factor sign-in" on or off (turning it on needs a second factor of one's own). */
export const setRequireTwoFactorAction = defineOrgAction({
  permission: "organization:edit",
  schema: requireTwoFactorSchema,
  handler: (access, input) => setRequireTwoFactor(access, input),
});

/** Step-up for sensitive actions: off, or how long a second factor counts (needs one of one's own). */
export const setStepUpMinutesAction = defineOrgAction({
  permission: "organization:edit",
  schema: stepUpSchema,
  handler: (access, input) => setStepUpMinutes(access, input),
});

/** Saves the org's OpenID provider settings (checked against the provider; any change needs a new test). */
export const saveSsoConnectionAction = defineOrgAction({
  permission: "organization:edit",
  schema: ssoConnectionFormSchema,
  handler: (access, input) => saveSsoConnection(access, input),
});

/** Turns SSO sign-in on (once tested) or off. */
export const setSsoActiveAction = defineOrgAction({
  permission: "organization:edit",
  schema: setSsoActiveSchema,
  handler: (access, input) => setSsoActive(access, input),
});

/** Requires SSO for members (Admins keep a break-glass password sign-in); turning it on needs one's own SSO session. */
export const setSsoEnforcedAction = defineOrgAction({
  permission: "organization:edit",
  schema: setSsoEnforcedSchema,
  handler: (access, input) => setSsoEnforced(access, input),
});

/** The groups claim and the session limit of sign-ins through the org's provider. */
export const setSsoOptionsAction = defineOrgAction({
  permission: "organization:edit",
  schema: ssoOptionsFormSchema,
  handler: (access, input) => setSsoOptions(access, input),
});

/** A provisioning (SCIM) token for the org's identity provider: shown once, acts with its creator's authority. */
export const createScimTokenAction = defineOrgAction({
  permission: "organization:edit",
  schema: createScimTokenSchema,
  stepUp: true,
  handler: (access, input) => createScimToken(access, input),
});

export const revokeScimTokenAction = defineOrgAction({
  permission: "organization:edit",
  schema: revokeScimTokenSchema,
  handler: (access, input) => revokeScimToken(access, input),
});

import "server-only";
import { defineApiRoute } from "../../../platform/api/define-api-route.ts";
import {
  createSecretBodySchema,
  createSecretRaw,
  deleteSecretBodySchema,
  deleteSecretRaw,
  getSecretQuerySchema,
  getSecretRaw,
  listSecretsQuerySchema,
  listSecretsRaw,
  updateSecretBodySchema,
  updateSecretRaw,
} from "./wire.ts";

// The handlers behind `/api/v3/secrets/raw` and `/api/v4/secrets`: Infisical serves both,
// with the same fields (v4 names the project `projectId`, v3 `workspaceId`; both are read).
// Each declares the permission it needs somewhere in the project; the wire functions check
// every environment and folder they touch.

export const listSecretsRoute = defineApiRoute({
  auth: "identity",
  from: "query",
  schema: listSecretsQuerySchema,
  permission: "secret:describe",
  handle: ({ access, input }) => listSecretsRaw(access, input),
});

export const oneSecretRoutes = {
  GET: defineApiRoute({
    auth: "identity",
    from: "query",
    schema: getSecretQuerySchema,
    permission: "secret:describe",
    handle: ({ access, input, params }) => getSecretRaw(access, params.secretName ?? "", input),
  }),
  POST: defineApiRoute({
    auth: "identity",
    from: "body",
    schema: createSecretBodySchema,
    permission: "secret:create",
    handle: ({ access, input, params }) => createSecretRaw(access, params.secretName ?? "", input),
  }),
  PATCH: defineApiRoute({
    auth: "identity",
    from: "body",
    schema: updateSecretBodySchema,
    permission: "secret:edit",
    handle: ({ access, input, params }) => updateSecretRaw(access, params.secretName ?? "", input),
  }),
  DELETE: defineApiRoute({
    auth: "identity",
    from: "body",
    schema: deleteSecretBodySchema,
    permission: "secret:delete",
    handle: ({ access, input, params }) => deleteSecretRaw(access, params.secretName ?? "", input),
  }),
};

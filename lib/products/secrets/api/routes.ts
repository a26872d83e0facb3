import "server-only";
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
import { identityAccessFor } from "./identity-request.ts";
import { jsonBody, queryOf, respond } from "../../../platform/api/respond.ts";

/**
 * The handlers behind `/api/v3/secrets/raw` and `/api/v4/secrets`: Infisical serves both,
 * with the same fields (v4 names the project `projectId`, v3 `workspaceId`; both are read).
 */
export async function listSecretsRoute(request: Request): Promise<Response> {
  return respond(async () => {
    const query = listSecretsQuerySchema.parse(queryOf(request));
    return listSecretsRaw(await identityAccessFor(request, query), query);
  });
}

type Context = { params: Promise<{ secretName: string }> };

export const oneSecretRoutes = {
  async GET(request: Request, { params }: Context): Promise<Response> {
    return respond(async () => {
      const query = getSecretQuerySchema.parse(queryOf(request));
      return getSecretRaw(await identityAccessFor(request, query), (await params).secretName, query);
    });
  },
  async POST(request: Request, { params }: Context): Promise<Response> {
    return respond(async () => {
      const body = createSecretBodySchema.parse(await jsonBody(request));
      return createSecretRaw(await identityAccessFor(request, body), (await params).secretName, body);
    });
  },
  async PATCH(request: Request, { params }: Context): Promise<Response> {
    return respond(async () => {
      const body = updateSecretBodySchema.parse(await jsonBody(request));
      return updateSecretRaw(await identityAccessFor(request, body), (await params).secretName, body);
    });
  },
  async DELETE(request: Request, { params }: Context): Promise<Response> {
    return respond(async () => {
      const body = deleteSecretBodySchema.parse(await jsonBody(request));
      return deleteSecretRaw(await identityAccessFor(request, body), (await params).secretName, body);
    });
  },
};

import { identityAccessFor } from "@/lib/api/identity-request";
import { jsonBody, queryOf, respond } from "@/lib/api/respond";
import {
  createSecretBodySchema,
  createSecretRaw,
  deleteSecretBodySchema,
  deleteSecretRaw,
  getSecretQuerySchema,
  getSecretRaw,
  updateSecretBodySchema,
  updateSecretRaw,
} from "@/lib/secrets/secrets-api";

type Context = { params: Promise<{ secretName: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    const query = getSecretQuerySchema.parse(queryOf(request));
    return getSecretRaw(await identityAccessFor(request, query), (await params).secretName, query);
  });
}

export async function POST(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    const body = createSecretBodySchema.parse(await jsonBody(request));
    return createSecretRaw(await identityAccessFor(request, body), (await params).secretName, body);
  });
}

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    const body = updateSecretBodySchema.parse(await jsonBody(request));
    return updateSecretRaw(await identityAccessFor(request, body), (await params).secretName, body);
  });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => {
    const body = deleteSecretBodySchema.parse(await jsonBody(request));
    return deleteSecretRaw(await identityAccessFor(request, body), (await params).secretName, body);
  });
}

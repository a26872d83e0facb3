import { identityAccessFor } from "@/lib/api/identity-request";
import { queryOf, respond } from "@/lib/api/respond";
import { listSecretsQuerySchema, listSecretsRaw } from "@/lib/secrets/secrets-api";

/** `GET /api/v3/secrets/raw?workspaceId=…&environment=…&secretPath=…&recursive=…&viewSecretValue=…` */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const query = listSecretsQuerySchema.parse(queryOf(request));
    return listSecretsRaw(await identityAccessFor(request, query), query);
  });
}

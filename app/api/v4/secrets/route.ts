import { listSecretsRoute } from "@/lib/api/secrets-routes";

/** List a folder's secrets (`?projectId|workspaceId=…&environment=…&secretPath=…&recursive=…&viewSecretValue=…`). */
export const GET = listSecretsRoute;

import { listSecretsRoute } from "@/lib/products/secrets/api/routes";

/** List a folder's secrets (`?projectId|workspaceId=…&environment=…&secretPath=…&recursive=…&viewSecretValue=…`). */
export const GET = listSecretsRoute;

import { oneSecretRoutes } from "@/lib/api/secrets-routes";

/** One secret by name: read, create, update, delete. */
export const { GET, POST, PATCH, DELETE } = oneSecretRoutes;

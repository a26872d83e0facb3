import { oneSecretRoutes } from "@/lib/products/secrets/api/routes";

/** One secret by name: read, create, update, delete. */
export const { GET, POST, PATCH, DELETE } = oneSecretRoutes;

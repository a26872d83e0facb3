import { listCertificatesRoute } from "@/lib/products/pki/api/routes";

/** The project's certificates (`?projectId=…&offset=…&limit=…`). */
export const GET = listCertificatesRoute;

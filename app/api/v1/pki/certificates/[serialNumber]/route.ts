import { getCertificateRoute } from "@/lib/products/pki/api/routes";

/** One certificate by serial number (`?projectId=…`). */
export const GET = getCertificateRoute;

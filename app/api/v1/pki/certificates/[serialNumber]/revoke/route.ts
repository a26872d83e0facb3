import { revokeCertificateRoute } from "@/lib/products/pki/api/routes";

/** Revoke by serial number (`{projectId, revocationReason}`). */
export const POST = revokeCertificateRoute;

import { signCertificateRoute } from "@/lib/products/pki/api/routes";

/** Issue through a profile for a CSR (`{projectId, profileId, csr, ttl}`). */
export const POST = signCertificateRoute;

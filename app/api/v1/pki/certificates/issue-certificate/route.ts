import { issueCertificateRoute } from "@/lib/products/pki/api/routes";

/** Issue through a profile with a key made on the server, answered once (`{projectId, profileId, commonName, altNames, ttl}`). */
export const POST = issueCertificateRoute;

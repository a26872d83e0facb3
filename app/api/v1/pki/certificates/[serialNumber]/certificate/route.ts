import { certificateBodyRoute } from "@/lib/products/pki/api/routes";

/** The certificate and its chain, PEM (`?projectId=…`). */
export const GET = certificateBodyRoute;

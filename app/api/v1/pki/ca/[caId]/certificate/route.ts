import { publishedCaRoute } from "@/lib/products/pki/published";

/** The CA's certificate, DER, for anyone (the certificates' AIA caIssuers URL). */
export const GET = publishedCaRoute("certificate");

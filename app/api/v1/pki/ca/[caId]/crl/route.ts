import { publishedCaRoute } from "@/lib/products/pki/published";

/** The CA's current CRL, DER, for anyone (the certificates' CRL distribution point). */
export const GET = publishedCaRoute("crl");

import { publishedCaResponse } from "@/lib/products/pki/published";

type Context = { params: Promise<{ caId: string }> };

/** The CA's current CRL, DER, for anyone (the certificates' CRL distribution point). */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  return publishedCaResponse((await params).caId, "crl");
}

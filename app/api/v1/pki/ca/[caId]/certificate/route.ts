import { publishedCaResponse } from "@/lib/products/pki/published";

type Context = { params: Promise<{ caId: string }> };

/** The CA's certificate, DER, for anyone (the certificates' AIA caIssuers URL). */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  return publishedCaResponse((await params).caId, "certificate");
}

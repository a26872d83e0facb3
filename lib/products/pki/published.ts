import "server-only";
import { defineApiRoute } from "../../platform/api/define-api-route.ts";
import { publishedCaFile } from "./authorities/queries.ts";

/**
 * The only unauthenticated PKI endpoints: a CA's certificate and its CRL, in DER (what the
 * AIA and CRL distribution point URLs in every certificate point at). Unknown ids are 404.
 */
async function publishedCaResponse(caId: string, file: "certificate" | "crl"): Promise<Response> {
  const der = await publishedCaFile(caId, file);
  if (!der) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(Uint8Array.from(der), {
    headers: {
      "content-type": file === "crl" ? "application/pkix-crl" : "application/pkix-cert",
      // A CRL is re-signed on every revocation: caches must ask again each time.
      "cache-control": file === "crl" ? "no-cache" : "public, max-age=3600",
    },
  });
}

/** `GET /api/v1/pki/ca/<id>/certificate` or `…/crl`, for anyone. */
export function publishedCaRoute(file: "certificate" | "crl") {
  return defineApiRoute({ auth: "public", from: "none", handle: ({ params }) => publishedCaResponse(params.caId ?? "", file) });
}

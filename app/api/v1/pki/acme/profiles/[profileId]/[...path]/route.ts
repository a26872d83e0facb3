import { acmeRoute } from "@/lib/products/pki/acme/server";

// RFC 8555 for one certificate profile: its own protocol (JWS, nonces, problem documents).
export const dynamic = "force-dynamic";

export const GET = acmeRoute("GET");
export const HEAD = acmeRoute("HEAD");
export const POST = acmeRoute("POST");

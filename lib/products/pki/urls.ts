import { env } from "../../platform/env.ts";
import type { IssuerUrls } from "./x509.ts";

/**
 * Where a CA publishes its certificate and CRL: Tessera's public, unauthenticated endpoints,
 * on the address people reach this instance at (NEXTAUTH_URL), written into every
 * certificate the CA signs (AIA caIssuers and the CRL distribution point).
 */
export function caUrls(caId: string): IssuerUrls {
  const base = (env().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  return { certificateUrl: `${base}/api/v1/pki/ca/${caId}/certificate`, crlUrl: `${base}/api/v1/pki/ca/${caId}/crl` };
}

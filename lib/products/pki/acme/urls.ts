import { env } from "../../../platform/env.ts";

/**
 * An ACME server per certificate profile, under the address people reach this instance at
 * (NEXTAUTH_URL): JWS `url` headers are compared with these exactly.
 */
export function acmeUrls(profileId: string) {
  const base = `${(env().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "")}/api/v1/pki/acme/profiles/${profileId}`;
  return {
    base,
    directory: `${base}/directory`,
    newNonce: `${base}/new-nonce`,
    newAccount: `${base}/new-account`,
    newOrder: `${base}/new-order`,
    revokeCert: `${base}/revoke-cert`,
    keyChange: `${base}/key-change`,
    account: (id: string) => `${base}/accounts/${id}`,
    orders: (accountId: string) => `${base}/accounts/${accountId}/orders`,
    order: (id: string) => `${base}/orders/${id}`,
    finalize: (id: string) => `${base}/orders/${id}/finalize`,
    authorization: (id: string) => `${base}/authorizations/${id}`,
    challenge: (id: string) => `${base}/challenges/${id}`,
    certificate: (id: string) => `${base}/certificates/${id}`,
  };
}
export type AcmeUrls = ReturnType<typeof acmeUrls>;

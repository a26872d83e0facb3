import "server-only";
import { readBodyWithin } from "../../../platform/http/body-limit.ts";
import { clientIp } from "../../../platform/rate-limits/client-ip.ts";
import { consumeRateLimit, RATE_LIMITS } from "../../../platform/rate-limits/rate-limit.ts";
import { changeAccountKey, newAccount, updateAccount } from "./accounts.ts";
import { getAuthorization, respondToChallenge } from "./challenges.ts";
import { acmeContext, type AcmeAnswer, type AcmeContext } from "./context.ts";
import { downloadCertificate, finalizeOrder } from "./finalize.ts";
import { verifySignedRequest } from "./jws.ts";
import { issueNonce } from "./nonces.ts";
import { getOrder, listOrders, newOrder } from "./orders.ts";
import { AcmeProblem } from "./problems.ts";
import { revokeOverAcme } from "./revoke.ts";

/** ACME requests are small: a CSR, a key, a few names. */
const MAX_BODY_BYTES = 64 * 1024;

type Method = "GET" | "HEAD" | "POST";

function directory(context: AcmeContext) {
  const { urls, profile } = context;
  return {
    newNonce: urls.newNonce,
    newAccount: urls.newAccount,
    newOrder: urls.newOrder,
    revokeCert: urls.revokeCert,
    keyChange: urls.keyChange,
    meta: {
      externalAccountRequired: true,
      website: urls.base.replace(/\/api\/v1\/.*$/, ""),
      profiles: { [profile.name]: profile.description || profile.name },
    },
  };
}

async function signedBody(request: Request): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").startsWith("application/jose+json")) {
    throw new AcmeProblem("malformed", "Send application/jose+json.", 415);
  }
  const bytes = await readBodyWithin(request, MAX_BODY_BYTES);
  if (!bytes) throw new AcmeProblem("malformed", `The request is larger than ${MAX_BODY_BYTES} bytes.`, 413);
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    throw new AcmeProblem("malformed", "The request is not JSON.");
  }
}

/** One ACME request, routed by its path under the profile's server (RFC 8555 section 7.1). */
async function answer(method: Method, request: Request, context: AcmeContext, path: string[]): Promise<AcmeAnswer> {
  const [first = "", id = "", last] = path;
  if (first === "directory" && method !== "POST" && path.length === 1) return { status: 200, json: directory(context) };
  if (first === "new-nonce" && path.length === 1 && method !== "POST") return { status: method === "HEAD" ? 200 : 204 };
  if (method !== "POST") throw new AcmeProblem("malformed", "Use POST (or POST-as-GET) for this resource.", 405);
  const url = `${context.urls.base}/${path.join("/")}`;
  const body = await signedBody(request);
  const signed = (keyFrom: "jwk" | "kid" | "either") => verifySignedRequest(context, body, url, keyFrom);
  const asGet = (payload: unknown) => {
    if (payload !== null) throw new AcmeProblem("malformed", "Fetch this resource with POST-as-GET (an empty payload).");
  };
  switch (`${first}${path.length > 1 ? "/:id" : ""}${last ? `/${last}` : ""}`) {
    case "new-account":
      return newAccount(context, await signed("jwk"));
    case "new-order": {
      const request = await signed("kid");
      return newOrder(context, request.account!, request.payload);
    }
    case "accounts/:id":
      return updateAccount(context, await signed("kid"), id);
    case "accounts/:id/orders": {
      const request = await signed("kid");
      asGet(request.payload);
      return listOrders(context, request.account!, id);
    }
    case "orders/:id": {
      const request = await signed("kid");
      asGet(request.payload);
      return getOrder(context, request.account!, id);
    }
    case "orders/:id/finalize": {
      const request = await signed("kid");
      return finalizeOrder(context, request.account!, id, request.payload);
    }
    case "authorizations/:id": {
      const request = await signed("kid");
      return getAuthorization(context, request.account!, id, request.payload);
    }
    case "challenges/:id": {
      const request = await signed("kid");
      return respondToChallenge(context, request.account!, id);
    }
    case "certificates/:id": {
      const request = await signed("kid");
      asGet(request.payload);
      return downloadCertificate(context, request.account!, id);
    }
    case "revoke-cert":
      return revokeOverAcme(context, await signed("either"));
    case "key-change":
      return changeAccountKey(context, await signed("kid"));
    default:
      throw new AcmeProblem("malformed", "There is no such ACME resource.", 404);
  }
}

/**
 * The ACME server of one certificate profile. Every answer carries a fresh nonce (a badNonce
 * refusal included, so the client retries at once, RFC 8555 section 6.5) and the directory
 * link; every refusal is a problem document.
 */
export async function handleAcme(method: Method, request: Request, profileId: string, path: string[]): Promise<Response> {
  let result: AcmeAnswer;
  let context: AcmeContext | null = null;
  let retryAfter: number | null = null;
  try {
    const limit = await consumeRateLimit(RATE_LIMITS.acmePerIp, clientIp(request.headers));
    if (!limit.allowed) {
      retryAfter = limit.retryAfterSeconds;
      throw new AcmeProblem("rateLimited", `Too many ACME requests from this address: retry in ${limit.retryAfterSeconds} seconds.`, 429);
    }
    context = await acmeContext(profileId);
    result = await answer(method, request, context, path);
  } catch (error) {
    const problem = error instanceof AcmeProblem ? error : new AcmeProblem("serverInternal", "Something went wrong on the server; try again.", 500);
    if (!(error instanceof AcmeProblem)) console.error("ACME request failed", error);
    result = { status: problem.status, json: problem.toJSON() };
  }
  const headers = new Headers({ "cache-control": "no-store" });
  if (retryAfter !== null) headers.set("retry-after", String(retryAfter));
  if (context) {
    headers.set("replay-nonce", await issueNonce());
    headers.append("link", `<${context.urls.directory}>;rel="index"`);
  }
  for (const link of result.links ?? []) headers.append("link", link);
  if (result.location) headers.set("location", result.location);
  if (method === "HEAD" || (result.json === undefined && result.pem === undefined)) return new Response(null, { status: result.status, headers });
  if (result.pem !== undefined) {
    headers.set("content-type", "application/pem-certificate-chain");
    return new Response(result.pem, { status: result.status, headers });
  }
  headers.set("content-type", result.status >= 400 ? "application/problem+json" : "application/json");
  return new Response(JSON.stringify(result.json), { status: result.status, headers });
}

/** The route handler for one method: `app/api/v1/pki/acme/profiles/[profileId]/[...path]`. */
export function acmeRoute(method: Method) {
  return async (request: Request, context: { params: Promise<{ profileId: string; path: string[] }> }) => {
    const { profileId, path } = await context.params;
    return handleAcme(method, request, profileId, path);
  };
}

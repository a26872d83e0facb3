import { clientAddressOf, jsonBody, respond } from "@/lib/platform/api/respond";
import { ApiRefusal, universalAuthLogin } from "@/lib/platform/identities/universal-auth";
import { consumeRateLimit, RATE_LIMITS } from "@/lib/platform/rate-limits/rate-limit";

/** Universal Auth: `{clientId, clientSecret}` → `{accessToken, expiresIn, accessTokenMaxTTL, tokenType}`. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const address = clientAddressOf(request);
    const limit = await consumeRateLimit(RATE_LIMITS.apiLoginPerIp, address);
    if (!limit.allowed) throw new ApiRefusal(429, "Too many logins from your address. Try again shortly.", limit.retryAfterSeconds);
    return universalAuthLogin(await jsonBody(request), address);
  });
}

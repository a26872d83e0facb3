import "server-only";
import { z } from "zod";
import { defineApiRoute } from "./define-api-route.ts";
import { consumeRateLimit, RATE_LIMITS } from "../rate-limits/rate-limit.ts";
import { ApiRefusal, renewAccessToken, revokeAccessToken, universalAuthLogin } from "../identities/universal-auth.ts";

const tokenBodySchema = z.object({ accessToken: z.string({ error: "accessToken is required" }).max(200) });

/** Universal Auth: `{clientId, clientSecret}` → `{accessToken, expiresIn, accessTokenMaxTTL, tokenType}`, a few per address. */
export const loginRoute = defineApiRoute({
  auth: "public",
  from: "body",
  async handle({ input, clientAddress }) {
    const limit = await consumeRateLimit(RATE_LIMITS.apiLoginPerIp, clientAddress);
    if (!limit.allowed) throw new ApiRefusal(429, "Too many logins from your address. Try again shortly.", limit.retryAfterSeconds);
    return universalAuthLogin(input, clientAddress);
  },
});

/** Extends an access token by its identity's TTL, up to the max TTL it was issued with. */
export const renewRoute = defineApiRoute({
  auth: "public",
  from: "body",
  schema: tokenBodySchema,
  handle: ({ input, clientAddress }) => renewAccessToken((input as z.output<typeof tokenBodySchema>).accessToken, clientAddress),
});

export const revokeRoute = defineApiRoute({
  auth: "public",
  from: "body",
  schema: tokenBodySchema,
  async handle({ input }) {
    await revokeAccessToken((input as z.output<typeof tokenBodySchema>).accessToken);
    return { message: "Successfully revoked access token" };
  },
});

import "server-only";
import { z } from "zod";
import { defineApiRoute } from "../api/define-api-route.ts";
import { getSessionClaims } from "../auth/session.ts";
import { loadOrgAccess } from "../authz/org-access.ts";
import { publicUrl } from "../mail/send-mail.ts";
import { orgSlugSchema } from "../slugs.ts";
import type { SsoRefusal } from "./messages.ts";
import { finishSso, startSsoSignIn, startSsoTest, type SsoStart } from "./sign-in.ts";

/** Binds a sign-in to the browser that started it: the callback refuses a state this browser was not given (login CSRF). */
const STATE_COOKIE = "tessera-sso-state";

function redirect(location: string, cookie?: string): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });
  if (cookie !== undefined) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}

function stateCookie(value: string, maxAgeSeconds: number): string {
  const secure = publicUrl("/").startsWith("https:") ? "; Secure" : "";
  return `${STATE_COOKIE}=${value}; Path=/api/sso; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

const refused = (reason: SsoRefusal) => redirect(publicUrl(`/sso?error=${reason}`));
const toProvider = (start: SsoStart | SsoRefusal) =>
  typeof start === "string" ? refused(start) : redirect(start.url.toString(), stateCookie(start.state, 600));

const startQuerySchema = z.object({
  email: z.string().max(320).optional(),
  org: orgSlugSchema.optional(),
  /** An admin's test of the org's saved settings (signed in, organization:edit). */
  test: orgSlugSchema.optional(),
});

/** GET /api/sso/start?email=… | ?org=… | ?test=<org>: off to the org's identity provider. */
export const ssoStartRoute = defineApiRoute({
  auth: "public",
  from: "query",
  schema: startQuerySchema,
  async handle({ input }: { input: z.output<typeof startQuerySchema> }) {
    if (input.test) {
      const claims = await getSessionClaims();
      const { access } = claims ? await loadOrgAccess(claims, input.test) : { access: null };
      if (!access) return refused("not-allowed");
      return toProvider(await startSsoTest(access));
    }
    return toProvider(await startSsoSignIn({ email: input.email, orgSlug: input.org }));
  },
});

/** GET /api/sso/callback?code&state: the provider's answer; on to a session, a test result, or a clear refusal. */
export const ssoCallbackRoute = defineApiRoute({
  auth: "public",
  from: "none",
  async handle({ request }) {
    const url = new URL(request.url);
    const browserState = request.headers
      .get("cookie")
      ?.split(/;\s*/)
      .find((pair) => pair.startsWith(`${STATE_COOKIE}=`))
      ?.slice(STATE_COOKIE.length + 1);
    const outcome = await finishSso(url.searchParams, browserState);
    const clear = stateCookie("", 0);
    if (outcome.kind === "refused") return redirect(publicUrl(`/sso?error=${outcome.reason}`), clear);
    if (outcome.kind === "tested") return redirect(publicUrl(`/sso/tested?org=${outcome.orgSlug}`), clear);
    // The ticket travels in the fragment: the browser keeps it, no server or log sees it.
    return redirect(publicUrl(`/sso/complete?org=${outcome.orgSlug}#ticket=${outcome.ticket}`), clear);
  },
});

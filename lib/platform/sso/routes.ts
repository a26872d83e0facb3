import "server-only";
import { z } from "zod";
import { defineApiRoute } from "../api/define-api-route.ts";
import { getSessionClaims } from "../auth/session.ts";
import { loadOrgAccess } from "../authz/org-access.ts";
import { publicUrl } from "../mail/send-mail.ts";
import { orgSlugSchema } from "../slugs.ts";
import type { SsoRefusal } from "./messages.ts";
import { backchannelLogout } from "./backchannel-logout.ts";
import { finishSso, startSsoLink, startSsoSignIn, startSsoTest, type SsoStart } from "./sign-in.ts";
import { db } from "../db.ts";

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

/** /sso with the reason, and the org when known (the page then offers its sign-in and linking). */
function ssoPage(params: { error?: SsoRefusal; org?: string; linked?: "1" }): string {
  const defined = Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  return publicUrl(`/sso?${new URLSearchParams(defined)}`);
}

const refused = (reason: SsoRefusal, orgSlug?: string, cookie?: string) => redirect(ssoPage({ error: reason, org: orgSlug }), cookie);

const toProvider = (start: SsoStart | SsoRefusal, orgSlug?: string) =>
  typeof start === "string" ? refused(start, orgSlug) : redirect(start.url.toString(), stateCookie(start.state, 600));

async function orgIdOf(slug: string): Promise<string | null> {
  return (await db().organization.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null;
}

const startQuerySchema = z.object({
  email: z.string().max(320).optional(),
  org: orgSlugSchema.optional(),
  /** An admin's test of the org's saved settings (signed in, organization:edit). */
  test: orgSlugSchema.optional(),
  /** A member signed in with their password, linking their account to the org's provider. */
  link: orgSlugSchema.optional(),
});

/** GET /api/sso/start?email=… | ?org=… | ?test=<org> | ?link=<org>: off to the org's identity provider. */
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
    if (input.link) {
      const claims = await getSessionClaims();
      if (!claims) return refused("not-signed-in", input.link);
      // A member closed out by the org's SSO rule is exactly who needs to link.
      const loaded = await loadOrgAccess(claims, input.link);
      const orgId = loaded.access?.org.id ?? (loaded.closedBy === "sso" ? await orgIdOf(input.link) : null);
      if (!loaded.actor || !orgId) return refused("not-allowed", input.link);
      return toProvider(await startSsoLink(orgId, loaded.actor.userId), input.link);
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
    if (outcome.kind === "refused") return refused(outcome.reason, outcome.orgSlug, clear);
    if (outcome.kind === "tested") return redirect(publicUrl(`/sso/tested?org=${outcome.orgSlug}`), clear);
    if (outcome.kind === "linked") return redirect(ssoPage({ linked: "1", org: outcome.orgSlug }), clear);
    // The ticket travels in the fragment: the browser keeps it, no server or log sees it.
    return redirect(publicUrl(`/sso/complete?org=${outcome.orgSlug}#ticket=${outcome.ticket}`), clear);
  },
});

const logoutParamsSchema = z.object({});

/** POST /api/sso/logout/<org>: the org's provider ends sessions (OpenID Connect Back-Channel Logout). */
export const ssoLogoutRoute = defineApiRoute({
  auth: "public",
  from: "none",
  schema: logoutParamsSchema,
  handle: ({ params, request, clientAddress }) => backchannelLogout(params.org ?? "", request, clientAddress),
});

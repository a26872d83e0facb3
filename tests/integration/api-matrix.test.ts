// Every HTTP route goes through the one door (lib/platform/api/define-api-route.ts), and
// every route a machine identity calls is tried as each built-in project role and as another
// org's identity: allowed exactly when the role holds the route's declared permission, 403
// otherwise, and 404 (the project does not exist for them) from another org, which changes
// nothing.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { apiRouteDefinition, type ApiRoute } from "@/lib/platform/api/define-api-route";
import { buildAbility } from "@/lib/platform/authz/ability";
import { BUILT_IN_PROJECT_ROLES, projectRoleRules, type ProjectRoleSlug } from "@/lib/platform/authz/built-in-roles";
import { db } from "@/lib/platform/db";
import { createClientSecret } from "@/lib/platform/identities/create-client-secret";
import { createIdentity } from "@/lib/platform/identities/create-identity";
import { universalAuthLogin } from "@/lib/platform/identities/universal-auth";
import { createSecret } from "@/lib/products/secrets/secrets";
import { addProjectMember, orgWithProject, projectAccess, unique } from "../support/factories";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
// next-auth answers its own sign-in protocol (sessions, CSRF) and is not an API for machines;
// SCIM answers its own (RFC 7644: its tokens, its error documents) through
// lib/platform/scim/routes.ts, tested from outside in tests/integration/scim.test.ts.
const OWN_PROTOCOL = ["auth/[...nextauth]/route.ts", "scim/v2/[org]/[[...path]]/route.ts", "v1/pki/acme/profiles/[profileId]/[...path]/route.ts"];

type Route = { file: string; method: (typeof METHODS)[number]; handler: ApiRoute };

async function allRoutes(): Promise<Route[]> {
  const files = readdirSync(API_DIR, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith("route.ts") && !OWN_PROTOCOL.includes(file));
  const routes: Route[] = [];
  for (const file of files.sort()) {
    const exported = (await import(/* @vite-ignore */ path.join(API_DIR, file))) as Record<string, unknown>;
    for (const method of METHODS) if (exported[method]) routes.push({ file, method, handler: exported[method] as ApiRoute });
  }
  return routes;
}

let routes: Route[];
beforeAll(async () => {
  routes = await allRoutes();
}, 60_000);

describe("the one door for HTTP", () => {
  it("defines every route of app/api through defineApiRoute", () => {
    expect(routes.length).toBeGreaterThanOrEqual(16);
    expect(routes.filter((route) => !apiRouteDefinition(route.handler)).map((route) => `${route.method} ${route.file}`)).toEqual([]);
  });
});

/** A Secrets project with one secret, and an identity holding `role` there, logged in. */
async function identityWithRole(context: Awaited<ReturnType<typeof orgWithProject>>, role: ProjectRoleSlug): Promise<{ identityId: string; token: string }> {
  const { identityId, clientId } = await createIdentity(context.adminOrgAccess, { orgSlug: context.org.slug, name: `${role} bot`, role: "no-access" });
  await addProjectMember(context.project.id, identityId, [{ role }]);
  const { clientSecret } = await createClientSecret(context.adminOrgAccess, { orgSlug: context.org.slug, identityId });
  return { identityId, token: (await universalAuthLogin({ clientId, clientSecret }, "127.0.0.1")).accessToken };
}

describe("every identity route × every built-in project role × another org", () => {
  it("allows exactly what each role's permissions say, and finds nothing from another org", async () => {
    const home = await orgWithProject("SECRET_MANAGER");
    await db().organization.update({ where: { id: home.org.id }, data: { plan: "ENTERPRISE" } });
    const admin = await projectAccess(home.admin, home.org.slug, home.project.slug);
    const ref = { orgSlug: home.org.slug, projectSlug: home.project.slug };
    const roles = Object.keys(BUILT_IN_PROJECT_ROLES) as ProjectRoleSlug[];
    const tokens = new Map<string, string>();
    for (const role of roles) tokens.set(role, (await identityWithRole(home, role)).token);
    const stranger = await orgWithProject("SECRET_MANAGER");
    await db().organization.update({ where: { id: stranger.org.id }, data: { plan: "ENTERPRISE" } });
    const outsider = await identityWithRole(stranger, "admin");
    tokens.set("another org's admin", outsider.token);
    const secretsBefore = await db().secret.count({ where: { environment: { projectId: home.project.id } } });

    const identityRoutes = routes.filter((route) => apiRouteDefinition(route.handler)?.auth === "identity");
    expect(identityRoutes.length).toBeGreaterThanOrEqual(10);
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of identityRoutes) {
      const definition = apiRouteDefinition(route.handler)!;
      if (definition.auth !== "identity") continue;
      for (const [who, token] of tokens) {
        // Each call gets a secret of its own to read, change or delete, made by the project's Admin.
        const key = unique("KEY_").toUpperCase().replace(/-/g, "_");
        await createSecret(admin, { ...ref, environment: "dev", path: "/", key, value: "v" });
        const place = { workspaceId: home.project.id, environment: "dev", secretPath: "/" };
        const name = route.method === "POST" ? `${key}_NEW` : key;
        const url = new URL(`http://localhost/api/${route.file.replace(/\/route\.ts$/, "").replace("[secretName]", name)}`);
        let body: string | undefined;
        if (route.method === "GET") for (const [field, value] of Object.entries(place)) url.searchParams.set(field, value);
        else body = JSON.stringify({ ...place, secretValue: "changed" });
        const request = new Request(url, { method: route.method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body });
        const response = await route.handler(request, { params: Promise.resolve({ secretName: name }) });
        const label = `${route.method} ${route.file} as ${who}`;
        outcomes.push(`${label}: ${response.status}`);
        const allowed = !who.startsWith("another") && buildAbility(projectRoleRules(who as ProjectRoleSlug, "SECRET_MANAGER")).can(definition.permission);
        expected.push(`${label}: ${who.startsWith("another") ? 404 : allowed ? 200 : 403}`);
      }
    }
    expect(outcomes).toEqual(expected);
    // Another org's identity did nothing here: no event of its own in this org.
    expect(await db().auditEvent.count({ where: { orgId: home.org.id, actorId: outsider.identityId } })).toBe(0);
    expect(await db().secret.count({ where: { environment: { projectId: home.project.id } } })).toBeGreaterThan(secretsBefore);
  }, 120_000);
});

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
import { issueCertificate } from "@/lib/products/pki/certificates/issue-certificate";
import { addProjectMember, orgWithProject, projectAccess, unique } from "../support/factories";
import { hierarchy, openProfile, pkiProject } from "../support/pki";

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
async function identityWithRole(
  context: Pick<Awaited<ReturnType<typeof orgWithProject>>, "adminOrgAccess" | "org" | "project">,
  role: ProjectRoleSlug,
): Promise<{ identityId: string; token: string }> {
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

    const identityRoutes = routes.filter((route) => apiRouteDefinition(route.handler)?.auth === "identity" && route.file.includes("secrets"));
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

describe("every PKI route × every built-in project role × another org", () => {
  it("issues, lists, reads and revokes exactly as the role's permission says; another org's identity finds nothing", async () => {
    const home = await pkiProject();
    await db().organization.update({ where: { id: home.org.id }, data: { plan: "ENTERPRISE" } });
    const { intermediateId } = await hierarchy(home);
    const profileId = await openProfile(home, intermediateId);
    const roles = Object.keys(BUILT_IN_PROJECT_ROLES) as ProjectRoleSlug[];
    const tokens = new Map<string, string>();
    for (const role of roles) tokens.set(role, (await identityWithRole(home, role)).token);
    const stranger = await orgWithProject("PKI");
    await db().organization.update({ where: { id: stranger.org.id }, data: { plan: "ENTERPRISE" } });
    tokens.set("another org's admin", (await identityWithRole(stranger, "admin")).token);

    const pkiRoutes = routes.filter((route) => apiRouteDefinition(route.handler)?.auth === "identity" && route.file.startsWith("v1/pki/"));
    expect(pkiRoutes.map((route) => `${route.method} ${route.file}`).sort()).toHaveLength(6);
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of pkiRoutes) {
      const definition = apiRouteDefinition(route.handler)!;
      if (definition.auth !== "identity") continue;
      for (const [who, token] of tokens) {
        // Each call gets a certificate of its own to read or revoke, issued by the project's Admin.
        const issued = await issueCertificate(home.admin, { ...home.ref, profileId, commonName: `${unique("api-")}.svc.internal`, ttlDays: 7 });
        const serialNumber = (await db().certificate.findUniqueOrThrow({ where: { id: issued.certificateId } })).serialNumber;
        const url = new URL(`http://localhost/api/${route.file.replace(/\/route\.ts$/, "").replace("[serialNumber]", serialNumber)}`);
        let body: string | undefined;
        if (route.method === "GET") url.searchParams.set("projectId", home.project.id);
        else
          body = JSON.stringify({
            projectId: home.project.id,
            profileId,
            commonName: `${unique("new-")}.svc.internal`,
            ttl: "7d",
            revocationReason: "superseded",
          });
        const request = new Request(url, { method: route.method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body });
        const response = await route.handler(request, { params: Promise.resolve({ serialNumber }) });
        const label = `${route.method} ${route.file} as ${who}`;
        outcomes.push(`${label}: ${response.status}`);
        const allowed = !who.startsWith("another") && buildAbility(projectRoleRules(who as ProjectRoleSlug, "PKI")).can(definition.permission);
        expected.push(`${label}: ${who.startsWith("another") ? 404 : allowed ? 200 : 403}`);
      }
    }
    expect(outcomes).toEqual(expected);
  }, 180_000);

  it("signs a CSR through a profile, refuses what the profile does not allow, and revokes by serial", async () => {
    const home = await pkiProject();
    await db().organization.update({ where: { id: home.org.id }, data: { plan: "ENTERPRISE" } });
    const { intermediateId } = await hierarchy(home);
    const profileId = await openProfile(home, intermediateId);
    const { token } = await identityWithRole(home, "member");
    const call = async (method: "GET" | "POST", file: string, input: Record<string, unknown>, serialNumber = "") => {
      const route = routes.find((one) => one.method === method && one.file === file)!;
      const url = new URL(`http://localhost/api/${file.replace(/\/route\.ts$/, "").replace("[serialNumber]", serialNumber)}`);
      if (method === "GET") for (const [field, value] of Object.entries(input)) url.searchParams.set(field, String(value));
      const request = new Request(url, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: method === "POST" ? JSON.stringify(input) : undefined,
      });
      const response = await route.handler(request, { params: Promise.resolve({ serialNumber }) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const { x509 } = await import("@/lib/products/pki/x509");
    const csr = (commonName: string) =>
      x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${commonName}`, keys, signingAlgorithm: { name: "ECDSA", hash: "SHA-256" } }).then((made) =>
        made.toString("pem"),
      );
    const signed = await call("POST", "v1/pki/certificates/sign-certificate/route.ts", {
      projectId: home.project.id,
      profileId,
      csr: await csr("api.svc.internal"),
      ttl: "30d",
    });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ certificate: expect.stringContaining("BEGIN CERTIFICATE"), serialNumber: expect.stringMatching(/^[0-9a-f]+$/) });
    // Narrowed to *.web.internal for 7 days: another name, or a longer life, is refused naming the field.
    await db().certificateProfile.update({ where: { id: profileId }, data: { allowedNames: ["*.web.internal"], maxValidityDays: 7 } });
    const outside = await call("POST", "v1/pki/certificates/sign-certificate/route.ts", {
      projectId: home.project.id,
      profileId,
      csr: await csr("api.svc.internal"),
      ttl: "5d",
    });
    expect(outside).toMatchObject({ status: 422, body: { message: expect.stringMatching(/^commonName: api\.svc\.internal is not among the names profile/) } });
    const tooLong = await call("POST", "v1/pki/certificates/sign-certificate/route.ts", {
      projectId: home.project.id,
      profileId,
      csr: await csr("a.web.internal"),
      ttl: "30d",
    });
    expect(tooLong).toMatchObject({ status: 422, body: { message: "ttlDays: Profile Open " + intermediateId.slice(-12) + " issues for at most 7 days." } });

    const serialNumber = signed.body.serialNumber as string;
    expect(await call("GET", "v1/pki/certificates/[serialNumber]/route.ts", { projectId: home.project.id }, serialNumber)).toMatchObject({
      status: 200,
      body: { certificate: { commonName: "api.svc.internal", status: "active", profileId } },
    });
    const listed = await call("GET", "v1/pki/certificates/route.ts", { projectId: home.project.id, limit: 10 });
    expect(listed.body).toMatchObject({ totalCount: 1, certificates: [{ serialNumber }] });
    expect(
      await call(
        "POST",
        "v1/pki/certificates/[serialNumber]/revoke/route.ts",
        { projectId: home.project.id, revocationReason: "KEY_COMPROMISE" },
        serialNumber,
      ),
    ).toMatchObject({
      status: 200,
      body: { serialNumber },
    });
    expect((await db().certificate.findFirstOrThrow({ where: { serialNumber } })).revocationReason).toBe("keyCompromise");
  }, 120_000);
});

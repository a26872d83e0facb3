// A PAM project on the tests' target database (scripts/lib/pam-target.ts), for the PAM tests.
import pg from "pg";
import { afterAll, expect, inject } from "vitest";
import { createAccount } from "@/lib/products/pam/accounts";
import { createPolicy } from "@/lib/products/pam/policies";
import type { GrantedCredentials } from "@/lib/products/pam/requests/grant";
import { createResource } from "@/lib/products/pam/resources";
import { createPamTarget, type PamTarget } from "../../scripts/lib/pam-target";
import { orgWithProject, projectAccess } from "./factories";

/**
 * A target database and roles of this test file's own, made from the run's: PAM tests assert
 * who holds a role on the target, and test files run at once, so they must not share one.
 */
const shared: PamTarget | undefined = inject("pamTarget");
// The cluster tests provide none: they make their own targets.
const own = shared ? await createPamTarget(serverOf(shared.superuserUrl)) : null;
if (own) afterAll(() => own.drop());
export const target = (own?.target ?? shared) as PamTarget;

function serverOf(databaseUrl: string): string {
  const server = new URL(databaseUrl);
  server.pathname = "/postgres";
  return server.toString();
}

export async function superuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: target.superuserUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function roleExists(name: string): Promise<boolean> {
  return superuser(async (client) => (await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [name])).rowCount === 1);
}

/** A connection as the grant's login role, with exactly what Tessera showed. */
export async function connectAs(credentials: GrantedCredentials): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: credentials.url });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

export async function loginRefused(credentials: GrantedCredentials): Promise<string> {
  const client = new pg.Client({ connectionString: credentials.url });
  try {
    await client.connect();
  } catch (error) {
    return (error as Error).message;
  }
  await client.end();
  throw new Error("The login still works");
}

/**
 * A PAM project with the target as a resource, its read-only role as an account and a
 * policy. The target is the vitest run's unless given (the cluster tests make their own).
 */
export async function pamProject(options: { requiredApprovals?: number; breakGlass?: boolean; maxDurationMinutes?: number } = {}, on: PamTarget = target) {
  const context = await orgWithProject("PAM");
  const ref = { orgSlug: context.org.slug, projectSlug: context.project.slug };
  const adminAccess = () => projectAccess(context.admin, context.org.slug, context.project.slug);
  const admin = await adminAccess();
  const { resourceId, problems } = await createResource(admin, {
    ...ref,
    name: "Orders DB",
    host: on.host,
    port: on.port,
    database: on.database,
    tlsMode: "DISABLE",
    brokerUser: on.brokerUser,
    brokerPassword: on.brokerPassword,
  });
  expect(problems).toEqual([]);
  const { accountId } = await createAccount(admin, {
    ...ref,
    resourceId,
    name: on.readonlyRole,
    folderPath: "/orders",
    maxDurationMinutes: 120,
    reasonRequired: true,
  });
  const requester = await context.memberWith("member", [{ role: "member" }]);
  const approvers = [await context.memberWith("member", [{ role: "admin" }]), await context.memberWith("member", [{ role: "admin" }])];
  await createPolicy(admin, {
    ...ref,
    name: "Orders needs approval",
    resourceGlob: "Orders*",
    accountGlob: "*",
    requiredApprovals: options.requiredApprovals ?? 1,
    approverRole: "admin",
    maxDurationMinutes: options.maxDurationMinutes ?? 60,
    breakGlassIds: options.breakGlass ? [requester.id] : [],
  });
  const as = (user: { claims: Parameters<typeof projectAccess>[0]["claims"] }) => projectAccess(user, context.org.slug, context.project.slug);
  return { ...context, ref, admin, resourceId, accountId, requester, approvers, as };
}

export type PamProject = Awaited<ReturnType<typeof pamProject>>;

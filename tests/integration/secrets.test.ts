import pg from "pg";
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { PermissionRule } from "@/lib/platform/authz/rules";
import { db } from "@/lib/platform/db";
import { ForbiddenError, NotFoundError, RefusedError, ValidationError } from "@/lib/platform/errors";
import { createRole, updateRole } from "@/lib/platform/roles/save-role";
import { projectRoleScope } from "@/lib/platform/roles/scope";
import { exportDotenv, importDotenv } from "@/lib/products/secrets/dotenv-transfer";
import { createEnvironment, deleteEnvironment, listEnvironments, moveEnvironment, renameEnvironment } from "@/lib/products/secrets/environments";
import { createFolder, deleteFolder } from "@/lib/products/secrets/folders";
import { open } from "@/lib/platform/kms/envelope";
import { projectDataKey } from "@/lib/platform/kms/data-keys";
import { createSecret, deleteSecret, revealSecretValue, updateSecret } from "@/lib/products/secrets/secrets";
import { compareSecret, loadSecretsView } from "@/lib/products/secrets/secrets-view";
import { addOrgMember, createUser, orgWithProject, projectAccess, unique } from "../support/factories";

type Context = Awaited<ReturnType<typeof orgWithProject>>;

/** A Secrets Management project with folders and secrets in Development and Production. */
async function secretsProject() {
  const context = await orgWithProject("SECRET_MANAGER");
  const admin = await projectAccess(context.admin, context.org.slug, context.project.slug);
  const ref = { orgSlug: context.org.slug, projectSlug: context.project.slug };
  for (const environment of ["dev", "prod"]) {
    await createFolder(admin, { ...ref, environment, path: "/", name: "api" });
    await createFolder(admin, { ...ref, environment, path: "/api", name: "payments" });
  }
  const ids = {
    devRoot: (await createSecret(admin, { ...ref, environment: "dev", path: "/", key: "DB_URL", value: "postgres://dev" })).id,
    prodRoot: (await createSecret(admin, { ...ref, environment: "prod", path: "/", key: "DB_URL", value: "postgres://prod" })).id,
    devApi: (await createSecret(admin, { ...ref, environment: "dev", path: "/api", key: "API_KEY", value: "dev-api" })).id,
    devPayments: (await createSecret(admin, { ...ref, environment: "dev", path: "/api/payments", key: "STRIPE", value: "sk_dev" })).id,
  };
  return { ...context, admin: context.admin, adminAccess: admin, ref, ids };
}

/** A new org member holding these project roles (built-in or custom slugs). */
async function memberHolding(context: Context, roles: string[]) {
  const user = await createUser();
  const membership = await addOrgMember(context.org.id, user.id, "member");
  await db().projectMembership.create({
    data: { projectId: context.project.id, userId: user.id, orgMembershipId: membership.id, grants: { create: roles.map((role) => ({ role })) } },
  });
  return projectAccess(user, context.org.slug, context.project.slug);
}

async function customRole(context: Awaited<ReturnType<typeof secretsProject>>, permissions: PermissionRule[]) {
  const { slug } = await createRole(projectRoleScope(context.adminAccess), { name: unique("Role "), slug: unique("role-"), permissions });
  return slug;
}

const ALL_SECRET_ACTIONS = ["describe", "read-value", "create", "edit", "delete"];

describe("the same secrets under different roles", () => {
  it("a Viewer sees keys everywhere and no value, and changes nothing", async () => {
    const context = await secretsProject();
    const viewer = await memberHolding(context, ["viewer"]);
    const view = await loadSecretsView(viewer, { env: "prod", path: "/" });
    expect(view.rows.map((row) => row.key)).toEqual(["DB_URL"]);
    expect(view.may).toEqual({ describe: true, readValue: false, create: false, edit: false, delete: false });
    await expect(revealSecretValue(viewer, { ...context.ref, secretId: context.ids.devRoot })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createSecret(viewer, { ...context.ref, environment: "dev", path: "/", key: "NEW", value: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      updateSecret(viewer, { ...context.ref, secretId: context.ids.devRoot, key: "DB_URL", value: "hacked", comment: "", version: 1 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteSecret(viewer, { ...context.ref, secretId: context.ids.devRoot })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportDotenv(viewer, { ...context.ref, environment: "dev", path: "/" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await revealSecretValue(context.adminAccess, { ...context.ref, secretId: context.ids.devRoot })).toEqual({ value: "postgres://dev" });
  });

  it("a Member reads and changes secrets in every environment", async () => {
    const context = await secretsProject();
    const member = await memberHolding(context, ["member"]);
    expect(await revealSecretValue(member, { ...context.ref, secretId: context.ids.prodRoot })).toEqual({ value: "postgres://prod" });
    await updateSecret(member, { ...context.ref, secretId: context.ids.prodRoot, key: "DB_URL", value: "postgres://prod-2", comment: "rotated", version: 1 });
    expect(await revealSecretValue(member, { ...context.ref, secretId: context.ids.prodRoot })).toEqual({ value: "postgres://prod-2" });
    await deleteSecret(member, { ...context.ref, secretId: context.ids.devApi });
    // Environments themselves are the admins' to change.
    await expect(createEnvironment(member, { ...context.ref, name: "QA", slug: "qa" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('"Secrets editor except production" works everywhere but cannot read or change production', async () => {
    const context = await secretsProject();
    const editor = await customRole(context, [
      { subject: "environment", actions: ["read"] },
      { subject: "secret", actions: ["describe"] },
      { subject: "secret", actions: ["read-value", "create", "edit", "delete"], conditions: [{ field: "environment", operator: "ne", value: "prod" }] },
    ]);
    const actor = await memberHolding(context, [editor]);
    expect(await revealSecretValue(actor, { ...context.ref, secretId: context.ids.devApi })).toEqual({ value: "dev-api" });
    await createSecret(actor, { ...context.ref, environment: "dev", path: "/", key: "NEW_DEV", value: "ok" });
    const production = await loadSecretsView(actor, { env: "prod" });
    expect(production.rows.map((row) => row.key)).toEqual(["DB_URL"]);
    expect(production.may).toMatchObject({ describe: true, readValue: false, create: false, edit: false, delete: false });
    await expect(revealSecretValue(actor, { ...context.ref, secretId: context.ids.prodRoot })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createSecret(actor, { ...context.ref, environment: "prod", path: "/", key: "NEW_PROD", value: "no" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateSecret(actor, { ...context.ref, secretId: context.ids.prodRoot, key: "DB_URL", comment: "", version: 1 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(exportDotenv(actor, { ...context.ref, environment: "prod", path: "/" })).rejects.toBeInstanceOf(ForbiddenError);
    // Compare shows the production row without a value to reveal.
    const compared = await compareSecret(actor, { key: "DB_URL", path: "/" });
    expect(compared?.rows.map((row) => [row.environment.slug, row.state, row.mayReadValue])).toEqual([
      ["dev", "present", true],
      ["staging", "missing", true],
      ["prod", "present", false],
    ]);
  });

  it("a Deny on the environment's slug really denies; one on its display name matches nothing and is refused unless confirmed", async () => {
    // The second review: "Deny · Secrets · Read values where Environment is Production" saved
    // without a word, matched nothing (conditions compare slugs), and the member read production.
    const context = await secretsProject();
    const deny = (value: string) => [
      { subject: "secret", actions: ["read-value"], inverted: true, conditions: [{ field: "environment", operator: "eq" as const, value }] },
    ];
    const scope = projectRoleScope(context.adminAccess);
    await expect(createRole(scope, { name: "No prod values", slug: unique("deny-"), permissions: deny("Production") })).rejects.toMatchObject({
      fieldErrors: {
        permissions: [
          expect.stringMatching(/^Rule 1: "Production" matches no environment \(did you mean "prod"\?\) in this project, so the rule would apply to nothing/),
        ],
      },
    });
    const folderTypo = [
      { subject: "secret", actions: ["read-value"], inverted: true, conditions: [{ field: "secretPath", operator: "glob" as const, value: "/apps/**" }] },
    ];
    await expect(createRole(scope, { name: "No apps", slug: unique("deny-"), permissions: folderTypo })).rejects.toMatchObject({
      fieldErrors: { permissions: [expect.stringContaining('"/apps/**" matches no folder')] },
    });
    // Confirmed (an environment about to be added): saved as typed.
    await expect(createRole(scope, { name: "Future env", slug: unique("deny-"), permissions: deny("qa"), allowUnmatched: true })).resolves.toBeDefined();

    const bySlug = await customRole(context, deny("prod"));
    const actor = await memberHolding(context, ["member", bySlug]);
    await expect(revealSecretValue(actor, { ...context.ref, secretId: context.ids.prodRoot })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await revealSecretValue(actor, { ...context.ref, secretId: context.ids.devRoot })).toEqual({ value: "postgres://dev" });
    // Editing a role goes through the same check.
    await expect(updateRole(scope, { roleSlug: bySlug, name: "No prod values", permissions: deny("PRODUCTION") })).rejects.toMatchObject({
      fieldErrors: { permissions: [expect.stringContaining('"PRODUCTION" matches no environment')] },
    });
  });

  it("a Deny on /api/** wins over Member for /api and below, and leaves the root alone", async () => {
    const context = await secretsProject();
    const denyApi = await customRole(context, [
      { subject: "secret", actions: ALL_SECRET_ACTIONS, inverted: true, conditions: [{ field: "secretPath", operator: "glob", value: "/api/**" }] },
    ]);
    const actor = await memberHolding(context, ["member", denyApi]);
    expect(await revealSecretValue(actor, { ...context.ref, secretId: context.ids.devRoot })).toEqual({ value: "postgres://dev" });
    for (const secretId of [context.ids.devApi, context.ids.devPayments]) {
      await expect(revealSecretValue(actor, { ...context.ref, secretId })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deleteSecret(actor, { ...context.ref, secretId })).rejects.toBeInstanceOf(ForbiddenError);
    }
    const api = await loadSecretsView(actor, { env: "dev", path: "/api" });
    expect(api.rows).toEqual([]);
    expect(api.may.describe).toBe(false);
    await expect(createSecret(actor, { ...context.ref, environment: "dev", path: "/api/payments", key: "X", value: "x" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(createFolder(actor, { ...context.ref, environment: "dev", path: "/api", name: "more" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().secret.count({ where: { environment: { projectId: context.project.id } } })).toBe(4);
  });
});

/** Every row of every table as text: a logical dump of the whole database. */
async function dumpDatabase(): Promise<string> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>("SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'");
    const parts: string[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
      parts.push(...rows.map((row) => row.row));
    }
    return parts.join("\n");
  } finally {
    await client.end();
  }
}

describe("encryption at rest", () => {
  it("the database holds no plaintext value, in any table, as text or bytes", async () => {
    const context = await secretsProject();
    const marker = unique("plaintext-marker-");
    const { id } = await createSecret(context.adminAccess, { ...context.ref, environment: "staging", path: "/", key: "MARKED", value: marker });
    await updateSecret(context.adminAccess, { ...context.ref, secretId: id, key: "MARKED", value: `${marker}-v2`, comment: "", version: 1 });
    await importDotenv(context.adminAccess, { ...context.ref, environment: "staging", path: "/", content: `IMPORTED=${marker}-imported\n` });
    await revealSecretValue(context.adminAccess, { ...context.ref, secretId: id });
    await exportDotenv(context.adminAccess, { ...context.ref, environment: "staging", path: "/" });
    const dump = await dumpDatabase();
    expect(dump).toContain("MARKED");
    expect(dump).not.toContain(marker);
    expect(dump).not.toContain(Buffer.from(marker).toString("hex"));
  });

  it("a changed ciphertext is detected, not decrypted into garbage", async () => {
    const context = await secretsProject();
    const stored = await db().secret.findUniqueOrThrow({ where: { id: context.ids.devRoot }, select: { encryptedValue: true } });
    const tampered = Buffer.from(stored.encryptedValue);
    tampered[tampered.length - 1]! ^= 0x01;
    await db().secret.update({ where: { id: context.ids.devRoot }, data: { encryptedValue: Uint8Array.from(tampered) } });
    await expect(revealSecretValue(context.adminAccess, { ...context.ref, secretId: context.ids.devRoot })).rejects.toThrow(/integrity check/);
  });

  it("a value copied onto another secret's row does not open there", async () => {
    const context = await secretsProject();
    const production = await db().secret.findUniqueOrThrow({ where: { id: context.ids.prodRoot }, select: { encryptedValue: true } });
    await db().secret.update({ where: { id: context.ids.devRoot }, data: { encryptedValue: production.encryptedValue } });
    await expect(revealSecretValue(context.adminAccess, { ...context.ref, secretId: context.ids.devRoot })).rejects.toBeInstanceOf(RefusedError);
  });

  it("one project's data key cannot open another project's secrets", async () => {
    const first = await secretsProject();
    const second = await secretsProject();
    const secret = await db().secret.findUniqueOrThrow({ where: { id: second.ids.devRoot }, select: { id: true, encryptedValue: true } });
    const [firstKey, secondKey] = await db().$transaction((tx) => Promise.all([projectDataKey(tx, first.project.id), projectDataKey(tx, second.project.id)]));
    expect(firstKey.equals(secondKey)).toBe(false);
    const context = `tessera:secret-value:${secret.id}`;
    expect(open(secondKey, secret.encryptedValue, context).toString()).toBe("postgres://dev");
    expect(() => open(firstKey, secret.encryptedValue, context)).toThrow(/does not open/);
    // Nor does a data key moved to another project open there (it is bound to its project).
    const sealed = await db().projectDataKey.findUniqueOrThrow({ where: { projectId: second.project.id } });
    await db().projectDataKey.update({ where: { projectId: first.project.id }, data: { encryptedKey: sealed.encryptedKey } });
    await expect(revealSecretValue(first.adminAccess, { ...first.ref, secretId: first.ids.devRoot })).rejects.toThrow(/ROOT_ENCRYPTION_KEY is not the key/);
  });
});

describe("environments", () => {
  it("a new project has Development, Staging and Production; admins add, rename, move and delete", async () => {
    const context = await secretsProject();
    const admin = context.adminAccess;
    expect((await listEnvironments(admin)).map((environment) => environment.slug)).toEqual(["dev", "staging", "prod"]);
    const qa = await createEnvironment(admin, { ...context.ref, name: "QA", slug: "qa" });
    await expect(createEnvironment(admin, { ...context.ref, name: "QA", slug: "qa-2" })).rejects.toMatchObject({ fieldErrors: { name: [expect.any(String)] } });
    await expect(createEnvironment(admin, { ...context.ref, name: "Other", slug: "qa" })).rejects.toMatchObject({
      fieldErrors: { slug: [expect.any(String)] },
    });
    await renameEnvironment(admin, { ...context.ref, environmentId: qa.id, name: "Quality" });
    await moveEnvironment(admin, { ...context.ref, environmentId: qa.id, direction: "up" });
    await moveEnvironment(admin, { ...context.ref, environmentId: qa.id, direction: "up" });
    expect((await listEnvironments(admin)).map((environment) => environment.name)).toEqual(["Development", "Quality", "Staging", "Production"]);
    const development = (await listEnvironments(admin))[0]!;
    await expect(deleteEnvironment(admin, { ...context.ref, environmentId: development.id, confirmation: "nope" })).rejects.toBeInstanceOf(ValidationError);
    await deleteEnvironment(admin, { ...context.ref, environmentId: development.id, confirmation: "dev" });
    expect(await db().secret.count({ where: { environmentId: development.id } })).toBe(0);
    expect((await listEnvironments(admin)).map((environment) => environment.slug)).toEqual(["qa", "staging", "prod"]);
  });

  it("ids from another project are not found, and PKI projects have no environments", async () => {
    const victim = await secretsProject();
    const attacker = await secretsProject();
    const [victimEnvironment] = await listEnvironments(victim.adminAccess);
    await expect(renameEnvironment(attacker.adminAccess, { ...attacker.ref, environmentId: victimEnvironment!.id, name: "Mine" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      deleteEnvironment(attacker.adminAccess, { ...attacker.ref, environmentId: victimEnvironment!.id, confirmation: victimEnvironment!.slug }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(revealSecretValue(attacker.adminAccess, { ...attacker.ref, secretId: victim.ids.devRoot })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      updateSecret(attacker.adminAccess, { ...attacker.ref, secretId: victim.ids.devRoot, key: "X", comment: "", version: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const pki = await orgWithProject("PKI");
    const pkiAdmin = await projectAccess(pki.admin, pki.org.slug, pki.project.slug);
    await expect(listEnvironments(pkiAdmin)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().environment.count({ where: { projectId: pki.project.id } })).toBe(0);
  });
});

describe("folders and secrets", () => {
  it("secrets need an existing folder; only empty folders are deleted", async () => {
    const context = await secretsProject();
    const admin = context.adminAccess;
    await expect(createSecret(admin, { ...context.ref, environment: "staging", path: "/nowhere", key: "X", value: "x" })).rejects.toMatchObject({
      fieldErrors: { path: [expect.stringMatching(/no folder/)] },
    });
    await expect(deleteFolder(admin, { ...context.ref, environment: "dev", path: "/api" })).rejects.toThrow(/not empty/);
    await createFolder(admin, { ...context.ref, environment: "staging", path: "/", name: "empty" });
    await deleteFolder(admin, { ...context.ref, environment: "staging", path: "/empty" });
    const view = await loadSecretsView(admin, { env: "dev", path: "/api" });
    expect(view.folders).toEqual(["payments"]);
    expect(view.rows.map((row) => row.key)).toEqual(["API_KEY"]);
  });

  it("duplicate keys are refused at the key field, and a stale edit does not overwrite a newer one", async () => {
    const context = await secretsProject();
    const admin = context.adminAccess;
    await expect(createSecret(admin, { ...context.ref, environment: "dev", path: "/", key: "DB_URL", value: "again" })).rejects.toMatchObject({
      fieldErrors: { key: [expect.stringMatching(/already exists/)] },
    });
    await updateSecret(admin, { ...context.ref, secretId: context.ids.devRoot, key: "DB_URL", value: "first", comment: "", version: 1 });
    await expect(
      updateSecret(admin, { ...context.ref, secretId: context.ids.devRoot, key: "DB_URL", value: "stale", comment: "", version: 1 }),
    ).rejects.toThrow(/Reload/);
    // Editing without a value keeps the current one.
    await updateSecret(admin, { ...context.ref, secretId: context.ids.devRoot, key: "DATABASE_URL", comment: "renamed", version: 2 });
    expect(await revealSecretValue(admin, { ...context.ref, secretId: context.ids.devRoot })).toEqual({ value: "first" });
  });
});

describe(".env import and export", () => {
  const file = [
    "# a comment",
    "export PLAIN=value",
    'QUOTED="has spaces # and a hash"',
    "SINGLE='literal \\n stays'",
    'MULTI="line one\\nline two"',
    'REAL_MULTI="first',
    'second"',
    "EMPTY=",
    "UNICODE=pässwörd✓",
    "",
  ].join("\n");

  it("an import then an export round-trips every value, and both are on record without values", async () => {
    const context = await secretsProject();
    const admin = context.adminAccess;
    expect(await importDotenv(admin, { ...context.ref, environment: "staging", path: "/", content: file })).toEqual({ created: 7, updated: 0, skipped: 0 });
    const exported = await exportDotenv(admin, { ...context.ref, environment: "staging", path: "/" });
    const again = await secretsProject();
    await importDotenv(again.adminAccess, { ...again.ref, environment: "staging", path: "/", content: exported.content });
    const reexported = await exportDotenv(again.adminAccess, { ...again.ref, environment: "staging", path: "/" });
    expect(reexported.content).toBe(exported.content);
    const { parseDotenv } = await import("@/lib/products/secrets/dotenv");
    expect(Object.fromEntries(parseDotenv(exported.content).entries.map((entry) => [entry.key, entry.value]))).toEqual({
      EMPTY: "",
      MULTI: "line one\nline two",
      PLAIN: "value",
      QUOTED: "has spaces # and a hash",
      REAL_MULTI: "first\nsecond",
      SINGLE: "literal \\n stays",
      UNICODE: "pässwörd✓",
    });
    const events = await db().auditEvent.findMany({
      where: { projectId: context.project.id, action: { in: ["secret.imported", "secret.exported"] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual(["secret.imported", "secret.exported"]);
    expect(JSON.stringify(events)).not.toContain("pässwörd");
  });

  it("existing keys are skipped unless replacing is asked for, which needs secret:edit", async () => {
    const context = await secretsProject();
    const admin = context.adminAccess;
    const content = "DB_URL=replaced\nFRESH=new\n";
    expect(await importDotenv(admin, { ...context.ref, environment: "dev", path: "/", content })).toEqual({ created: 1, updated: 0, skipped: 1 });
    expect(await revealSecretValue(admin, { ...context.ref, secretId: context.ids.devRoot })).toEqual({ value: "postgres://dev" });
    const creatorOnly = await customRole(context, [{ subject: "secret", actions: ["describe", "create"] }]);
    const creator = await memberHolding(context, [creatorOnly]);
    await expect(importDotenv(creator, { ...context.ref, environment: "dev", path: "/", content, overwrite: true })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await importDotenv(admin, { ...context.ref, environment: "dev", path: "/", content, overwrite: true })).toEqual({
      created: 0,
      updated: 2,
      skipped: 0,
    });
    expect(await revealSecretValue(admin, { ...context.ref, secretId: context.ids.devRoot })).toEqual({ value: "replaced" });
  });

  it("a role without create where it imports is refused alike for existing and unknown keys, before anything is looked up", async () => {
    const context = await secretsProject();
    const developmentOnly = await customRole(context, [
      { subject: "secret", actions: ["describe"] },
      { subject: "secret", actions: ALL_SECRET_ACTIONS, conditions: [{ field: "environment", operator: "eq", value: "dev" }] },
    ]);
    const actor = await memberHolding(context, [developmentOnly]);
    const eventsBefore = await db().auditEvent.count({ where: { projectId: context.project.id } });
    for (const content of ["DB_URL=x\n", "NEVER_SEEN=x\n"]) {
      const refusal = importDotenv(actor, { ...context.ref, environment: "prod", path: "/", content });
      await expect(refusal).rejects.toBeInstanceOf(ForbiddenError);
      await expect(refusal).rejects.toMatchObject({ permission: "secret:create" });
    }
    // A folder that does not exist is refused the same way: existence is never consulted first.
    await expect(importDotenv(actor, { ...context.ref, environment: "prod", path: "/nowhere", content: "A=1\n" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().auditEvent.count({ where: { projectId: context.project.id } })).toBe(eventsBefore);
    expect(await db().secret.count({ where: { environment: { projectId: context.project.id } } })).toBe(4);
    expect(await importDotenv(actor, { ...context.ref, environment: "dev", path: "/", content: "DB_URL=x\n" })).toEqual({
      created: 0,
      updated: 0,
      skipped: 1,
    });
  });

  it("a bad file names its lines at the file field and writes nothing", async () => {
    const context = await secretsProject();
    const content = "GOOD=1\nnot a line\n1BAD=2\nGOOD=3\n";
    await expect(importDotenv(context.adminAccess, { ...context.ref, environment: "staging", path: "/", content })).rejects.toMatchObject({
      fieldErrors: { content: [expect.stringMatching(/Line 2: expected KEY=value\. Line 3: 1BAD is not a valid key.* Line 4: GOOD is already set on line 1/)] },
    });
    expect(await db().secret.count({ where: { environment: { projectId: context.project.id, slug: "staging" } } })).toBe(0);
  });
});

import { randomUUID } from "node:crypto";
import type { SessionClaims } from "@/lib/platform/auth/authenticate";
import { normalizeEmail } from "@/lib/platform/email-address";
import { hashPassword } from "@/lib/platform/auth/password";
import type { Actor } from "@/lib/platform/auth/actor";
import type { OrgRoleSlug, ProjectRoleSlug } from "@/lib/platform/authz/built-in-roles";
import { loadOrgAccess, type OrgAccess } from "@/lib/platform/authz/org-access";
import { loadProjectAccess, type ProjectAccess } from "@/lib/platform/authz/project-access";
import { createProject } from "@/lib/platform/projects/create-project";
import { db } from "@/lib/platform/db";
import { createOrg } from "@/lib/platform/orgs/create-org";
import { startSession } from "@/lib/platform/auth/sessions";

export const TEST_PASSWORD = "correct horse battery staple";

/** A unique token so that tests running in parallel never collide. */
export function unique(prefix = "t"): string {
  return `${prefix}${randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

// Hashing is deliberately slow; tests that need many users share one hash of TEST_PASSWORD.
let passwordHash: Promise<string> | undefined;

/** A user who can sign in with TEST_PASSWORD (created directly: sign-up has its own tests). */
export async function createUser(overrides: { name?: string; email?: string } = {}) {
  const email = normalizeEmail(overrides.email ?? `${unique("user")}@example.com`);
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await db().user.create({
    data: { name: overrides.name ?? "Test User", email, passwordHash: await passwordHash, emailVerifiedAt: new Date() },
    select: { id: true, name: true, email: true },
  });
  const actor: Actor = { userId: user.id, name: user.name, email: user.email };
  const claims = await currentClaims(user.id);
  return { ...user, actor, claims };
}

/** Claims of a fresh sign-in: a new session row, as the sign-in form would create. */
export async function currentClaims(userId: string): Promise<SessionClaims> {
  return { userId, sessionId: await startSession(userId, { ip: "127.0.0.1", userAgent: "vitest" }) };
}

export async function createOrgFor(actor: Actor, name = "Test Org") {
  return createOrg(actor, { name, slug: unique("org-") });
}

/** Test set-up only: puts a user in an org with a role, as accepting an invitation will. */
export async function addOrgMember(orgId: string, userId: string, role: OrgRoleSlug) {
  return db().orgMembership.create({ data: { orgId, userId, role }, select: { id: true } });
}

/** Test set-up only: adds an org member to a project with role grants. */
export async function addProjectMember(projectId: string, userId: string, grants: Array<{ role: ProjectRoleSlug; expiresAt?: Date }>) {
  const project = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { orgId: true } });
  const orgMembership = await db().orgMembership.findUniqueOrThrow({
    where: { orgId_userId: { orgId: project.orgId, userId } },
    select: { id: true },
  });
  return db().projectMembership.create({
    data: { projectId, userId, orgMembershipId: orgMembership.id, grants: { create: grants } },
  });
}

export async function orgAccess(user: { claims: SessionClaims }, orgSlug: string): Promise<OrgAccess> {
  const { access } = await loadOrgAccess(user.claims, orgSlug);
  if (!access) throw new Error(`test user is not a member of ${orgSlug}`);
  return access;
}

export async function projectAccess(user: { claims: SessionClaims }, orgSlug: string, projectSlug: string): Promise<ProjectAccess> {
  const { access } = await loadProjectAccess(user.claims, orgSlug, projectSlug);
  if (!access) throw new Error(`test user cannot see project ${projectSlug}`);
  return access;
}

/** An org with its admin, a Secrets Management project the admin created, and helpers. */
export async function orgWithProject(type: "SECRET_MANAGER" | "PKI" | "PAM" = "SECRET_MANAGER") {
  const admin = await createUser({ name: "Admin" });
  const org = await createOrgFor(admin.actor);
  const adminOrgAccess = await orgAccess(admin, org.slug);
  const project = await createProject(adminOrgAccess, { orgSlug: org.slug, name: "Project", slug: unique("proj-"), type });
  /** A new org member holding these grants in the project. */
  async function memberWith(orgRole: OrgRoleSlug, grants: Array<{ role: ProjectRoleSlug; expiresAt?: Date }>) {
    const user = await createUser();
    await addOrgMember(org.id, user.id, orgRole);
    if (grants.length > 0) await addProjectMember(project.id, user.id, grants);
    return user;
  }
  return { admin, org, project, adminOrgAccess, memberWith };
}

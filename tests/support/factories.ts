import { randomUUID } from "node:crypto";
import type { SessionClaims } from "@/lib/auth/authenticate";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db";
import { createOrg } from "@/lib/orgs/create-org";
import { signUp } from "@/lib/users/sign-up";

export const TEST_PASSWORD = "correct horse battery staple";

/** A unique token so that tests running in parallel never collide. */
export function unique(prefix = "t"): string {
  return `${prefix}${randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

export async function createUser(overrides: { name?: string; email?: string } = {}) {
  const email = overrides.email ?? `${unique("user")}@example.com`;
  const user = await signUp({ name: overrides.name ?? "Test User", email, password: TEST_PASSWORD });
  const actor: Actor = { userId: user.id, name: user.name, email: user.email };
  const claims = await currentClaims(user.id);
  return { ...user, actor, claims };
}

export async function currentClaims(userId: string): Promise<SessionClaims> {
  const { sessionVersion } = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  return { userId, sessionVersion };
}

export async function createOrgFor(actor: Actor, name = "Test Org") {
  return createOrg(actor, { name, slug: unique("org-") });
}

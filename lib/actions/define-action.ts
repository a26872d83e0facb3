import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { getActor, type Actor } from "../authz/actor.ts";
import type { OrgPermission, ProjectPermission } from "../authz/catalogue.ts";
import { loadOrgAccess, type OrgAccess } from "../authz/org-access.ts";
import { loadProjectAccess, type ProjectAccess } from "../authz/project-access.ts";
import { getSessionClaims } from "../auth/session.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { ActionResult } from "./action-result.ts";
import { isSameOriginRequest } from "./same-origin.ts";
import { toActionResult } from "./to-action-result.ts";

const SESSION_ENDED: ActionResult<never> = { ok: false, formError: "Your session has ended. Sign in again." };
const CROSS_SITE: ActionResult<never> = { ok: false, formError: "This request did not come from Tessera's pages." };

/** A server action for visitors who are not signed in yet (creating an account). */
export function definePublicAction<Schema extends z.ZodType, Output>(
  schema: Schema,
  handler: (input: z.output<Schema>) => Promise<Output>,
): (input: z.input<Schema>) => Promise<ActionResult<Output>> {
  return async (input) => {
    if (!isSameOriginRequest(await headers())) return CROSS_SITE;
    return toActionResult(async () => handler(schema.parse(input)));
  };
}

/**
 * A server action for any signed-in person (creating an org, their own account).
 * Every server action is a public POST endpoint: origin, session and input are checked
 * on each call before the domain function runs.
 */
export function defineAction<Schema extends z.ZodType, Output>(
  schema: Schema,
  handler: (actor: Actor, input: z.output<Schema>) => Promise<Output>,
): (input: z.input<Schema>) => Promise<ActionResult<Output>> {
  return async (input) => {
    if (!isSameOriginRequest(await headers())) return CROSS_SITE;
    const actor = await getActor();
    if (!actor) return SESSION_ENDED;
    return toActionResult(async () => handler(actor, schema.parse(input)));
  };
}

/**
 * A server action on one org, named by `orgSlug` in its validated input. The permission is
 * declared here, at the call site, and checked against the actor's membership in that org
 * as the database says on this request. Non-members get "not found".
 */
export function defineOrgAction<Schema extends z.ZodType<{ orgSlug: string }>, Output>(options: {
  permission: OrgPermission;
  schema: Schema;
  handler: (access: OrgAccess, input: z.output<Schema>) => Promise<Output>;
}): (input: z.input<Schema>) => Promise<ActionResult<Output>> {
  return async (input) => {
    if (!isSameOriginRequest(await headers())) return CROSS_SITE;
    const claims = await getSessionClaims();
    if (!claims) return SESSION_ENDED;
    return toActionResult(async () => {
      const parsed = options.schema.parse(input);
      const { access } = await loadOrgAccess(claims, parsed.orgSlug);
      if (!access) throw new NotFoundError();
      if (!access.can(options.permission)) throw new ForbiddenError(options.permission);
      return options.handler(access, parsed);
    });
  };
}

/**
 * A server action on one project, named by `orgSlug` and `projectSlug` in its validated
 * input, with its permission declared at the call site. Anyone who may not see the
 * project gets "not found"; a member without the permission gets "forbidden".
 */
export function defineProjectAction<
  Schema extends z.ZodType<{ orgSlug: string; projectSlug: string }>,
  Output,
>(options: {
  permission: ProjectPermission;
  schema: Schema;
  handler: (access: ProjectAccess, input: z.output<Schema>) => Promise<Output>;
}): (input: z.input<Schema>) => Promise<ActionResult<Output>> {
  return async (input) => {
    if (!isSameOriginRequest(await headers())) return CROSS_SITE;
    const claims = await getSessionClaims();
    if (!claims) return SESSION_ENDED;
    return toActionResult(async () => {
      const parsed = options.schema.parse(input);
      const { access } = await loadProjectAccess(claims, parsed.orgSlug, parsed.projectSlug);
      if (!access) throw new NotFoundError();
      if (!access.can(options.permission)) throw new ForbiddenError(options.permission);
      return options.handler(access, parsed);
    });
  };
}

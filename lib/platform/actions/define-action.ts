import "server-only";
import { headers } from "next/headers";
import { recordPermissionDenied } from "../audit/record-refusals.ts";
import { withRequestContext } from "../audit/request-context.ts";
import { clientIp } from "../rate-limits/client-ip.ts";
import type { z } from "zod";
import type { SessionClaims } from "../auth/authenticate.ts";
import { getSessionClaims } from "../auth/session.ts";
import type { Actor } from "../auth/actor.ts";
import { loadActor } from "../authz/actor.ts";
import { assertRecentSecondFactor } from "../auth/step-up.ts";
import { recordBreakGlassLater } from "../authz/break-glass.ts";
import type { OrgPermission, ProjectPermission } from "../authz/catalogue.ts";
import { loadOrgAccess, type OrgAccess } from "../authz/org-access.ts";
import { loadProjectAccess, type ProjectAccess } from "../authz/project-access.ts";
import { ForbiddenError, NotFoundError, RefusedError } from "../errors.ts";
import type { ActionResult } from "./action-result.ts";
import { isSameOriginRequest } from "./same-origin.ts";
import { toActionResult } from "./to-action-result.ts";

type Handler<Context, Input, Output> = (context: Context, input: Input) => Promise<Output>;

/** For what any member may do in their own right, whatever their role: leaving, for one. */
export const ANY_MEMBER = "any-member";

/**
 * What a server action is: who may call it (the scope and, for orgs and projects, the
 * permission named at its definition) and what it does. Kept beside each action so that
 * tests can run every action's real checks for any actor (tests/integration/authz-matrix).
 */
export type ActionDefinition =
  | { scope: "public"; schema: z.ZodType; handler: Handler<null, never, unknown> }
  | { scope: "actor"; schema: z.ZodType; handler: Handler<Actor, never, unknown> }
  | { scope: "org"; permission: OrgPermission | typeof ANY_MEMBER; stepUp?: true; schema: z.ZodType; handler: Handler<OrgAccess, never, unknown> }
  | {
      scope: "project";
      permission: ProjectPermission | typeof ANY_MEMBER;
      /** A sensitive action: the org's step-up setting may ask for the second factor again first. */
      stepUp?: true;
      schema: z.ZodType;
      handler: Handler<ProjectAccess, never, unknown>;
    };

const definitions = new WeakMap<object, ActionDefinition>();

export function actionDefinition(action: object): ActionDefinition | undefined {
  return definitions.get(action);
}

const CLOSED_MESSAGES = {
  "two-factor": "This organization requires two-factor sign-in. Set it up on your account page, then try again.",
  sso: "This organization requires single sign-on. Sign in through its identity provider, then try again.",
} as const;
const SESSION_ENDED = { ok: false, formError: "Your session has ended. Sign in again." } as const;
const CROSS_SITE = { ok: false, formError: "This request did not come from Tessera's pages." } as const;

/**
 * The checks every action runs, in order, on each call: the session still stands, the
 * input parses, the actor may see the org or project the input names (else "not found")
 * and holds the declared permission there (else "forbidden"). Then the domain function.
 */
export async function invokeAction(definition: ActionDefinition, claims: SessionClaims | null, input: unknown): Promise<ActionResult<unknown>> {
  if (definition.scope === "public") {
    return toActionResult(() => definition.handler(null, definition.schema.parse(input) as never));
  }
  if (!claims) return SESSION_ENDED;
  if (definition.scope === "actor") {
    const actor = await loadActor(claims);
    if (!actor) return SESSION_ENDED;
    return toActionResult(() => definition.handler(actor, definition.schema.parse(input) as never));
  }
  return toActionResult(async () => {
    const parsed = definition.schema.parse(input) as { orgSlug: string; projectSlug?: string };
    if (definition.scope === "org") {
      const { access, closedBy, breakGlass } = await loadOrgAccess(claims, parsed.orgSlug);
      if (closedBy) throw new RefusedError(CLOSED_MESSAGES[closedBy]);
      if (!access) throw new NotFoundError();
      if (breakGlass) await recordBreakGlassLater(access);
      if (definition.permission !== ANY_MEMBER && !access.can(definition.permission)) {
        await recordPermissionDenied({ orgId: access.org.id, projectId: null, actorId: access.actor.userId, permission: definition.permission });
        throw new ForbiddenError(definition.permission);
      }
      if (definition.stepUp) await assertRecentSecondFactor(claims, access.org.id);
      return definition.handler(access, parsed as never);
    }
    const { access, closedBy, breakGlass } = await loadProjectAccess(claims, parsed.orgSlug, parsed.projectSlug ?? "");
    if (closedBy) throw new RefusedError(CLOSED_MESSAGES[closedBy]);
    if (!access) throw new NotFoundError();
    if (breakGlass) await recordBreakGlassLater(access.orgAccess);
    // Seeing a project through the org's project:read-all is not membership.
    if (definition.permission === ANY_MEMBER ? !access.membership : !access.can(definition.permission)) {
      await recordPermissionDenied({
        orgId: access.orgAccess.org.id,
        projectId: access.project.id,
        actorId: access.orgAccess.actor.userId,
        permission: definition.permission,
      });
      throw new ForbiddenError(definition.permission);
    }
    if (definition.stepUp) await assertRecentSecondFactor(claims, access.orgAccess.org.id);
    return definition.handler(access, parsed as never);
  });
}

/** Every server action is a public POST endpoint: refuse other sites before anything else. */
function toServerAction<Input, Output>(definition: ActionDefinition): (input: Input) => Promise<ActionResult<Output>> {
  const action = async (input: Input) => {
    const requestHeaders = await headers();
    if (!isSameOriginRequest(requestHeaders)) return CROSS_SITE;
    const claims = definition.scope === "public" ? null : await getSessionClaims();
    const context = { ip: clientIp(requestHeaders), userAgent: requestHeaders.get("user-agent") };
    return (await withRequestContext(context, () => invokeAction(definition, claims, input))) as ActionResult<Output>;
  };
  definitions.set(action, definition);
  return action;
}

/** An action for visitors who are not signed in yet (creating an account). */
export function definePublicAction<Schema extends z.ZodType, Output>(schema: Schema, handler: (input: z.output<Schema>) => Promise<Output>) {
  return toServerAction<z.input<Schema>, Output>({ scope: "public", schema, handler: (_, input) => handler(input) });
}

/** An action for any signed-in person (creating an org, their own account). */
export function defineAction<Schema extends z.ZodType, Output>(schema: Schema, handler: (actor: Actor, input: z.output<Schema>) => Promise<Output>) {
  return toServerAction<z.input<Schema>, Output>({ scope: "actor", schema, handler });
}

/** An action on the org named by `orgSlug` in its input, needing `permission` there. */
export function defineOrgAction<Schema extends z.ZodType<{ orgSlug: string }>, Output>(options: {
  permission: OrgPermission | typeof ANY_MEMBER;
  stepUp?: true;
  schema: Schema;
  handler: (access: OrgAccess, input: z.output<Schema>) => Promise<Output>;
}) {
  return toServerAction<z.input<Schema>, Output>({ scope: "org", ...options });
}

/** An action on the project named by `orgSlug` and `projectSlug`, needing `permission` there. */
export function defineProjectAction<Schema extends z.ZodType<{ orgSlug: string; projectSlug: string }>, Output>(options: {
  permission: ProjectPermission | typeof ANY_MEMBER;
  stepUp?: true;
  schema: Schema;
  handler: (access: ProjectAccess, input: z.output<Schema>) => Promise<Output>;
}) {
  return toServerAction<z.input<Schema>, Output>({ scope: "project", ...options });
}

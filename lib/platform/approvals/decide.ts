import "server-only";
import { isUniqueViolation } from "../db.ts";
import { ForbiddenError, RefusedError } from "../errors.ts";
import type { Decision } from "./vocabulary.ts";

/** Where a request stands after a decision. */
export type Tally = { status: "PENDING" | "REJECTED" | "ACTIVE"; approvals: number };

/**
 * One approver's decision on a locked request, in the order every approval flow follows:
 * never one's own request; the permission to approve this subject, and authority over what it
 * hands out; named as an approver now;
 * the request still waiting. Then the decision is recorded: a rejection ends the request, and
 * the approval that reaches the count grants it.
 */
export async function decide(args: {
  decision: Decision;
  actorId: string;
  request: { requesterId: string | null; status: string; statusLabel: string; requiredApprovals: number };
  /** The permission approving needs, and whether the actor holds it on this subject. */
  permission: string;
  permitted: boolean;
  /** Set when approving would hand out more than the actor holds (the boundary rule): the refusal. */
  beyondAuthority?: string | null;
  named: () => Promise<boolean>;
  /** Writes the decision row (unique per approver and request) and its audit event. */
  record: () => Promise<void>;
  approvals: () => Promise<number>;
  reject: () => Promise<void>;
  grant: () => Promise<void>;
}): Promise<Tally> {
  const { request } = args;
  if (request.requesterId === args.actorId) throw new RefusedError("You cannot approve or reject your own request: another approver must decide it.");
  if (!args.permitted) throw new ForbiddenError(args.permission);
  if (args.beyondAuthority) throw new RefusedError(args.beyondAuthority);
  if (!(await args.named())) throw new RefusedError("You are not one of this request's approvers.");
  if (request.status !== "PENDING") throw new RefusedError(`This request is no longer waiting for approval: it is ${request.statusLabel.toLowerCase()}.`);
  await args.record();
  if (args.decision === "REJECT") {
    await args.reject();
    return { status: "REJECTED", approvals: await args.approvals() };
  }
  const approvals = await args.approvals();
  if (approvals < request.requiredApprovals) return { status: "PENDING", approvals };
  await args.grant();
  return { status: "ACTIVE", approvals };
}

export const ALREADY_DECIDED = "You have already decided on this request.";

/** A second decision by the same approver meets the unique index: say so in words. */
export function alreadyDecided(error: unknown): never {
  if (isUniqueViolation(error)) throw new RefusedError(ALREADY_DECIDED);
  throw error;
}

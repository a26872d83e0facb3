import "server-only";
import { RefusedError, ValidationError } from "../errors.ts";
import { BREAK_GLASS_MIN_REASON } from "./vocabulary.ts";

type BreakGlassPolicy = { name: string; breakGlassIds: string[]; createdById: string | null };

/**
 * The rules of taking access without approval through a policy: the requester is listed, did
 * not write the policy, its author could still approve this subject now, and the reason says
 * something. `subject` names what is taken, as the refusal says it.
 */
export async function assertBreakGlassAllowed(args: {
  policy: BreakGlassPolicy;
  requesterId: string;
  reason: string;
  subject: string;
  authorStillApproves: () => Promise<boolean>;
}): Promise<void> {
  const { policy, requesterId, subject } = args;
  if (!policy.breakGlassIds.includes(requesterId)) throw new RefusedError(`You are not listed for break-glass access under the policy ${policy.name}.`);
  if (policy.createdById === requesterId)
    throw new RefusedError(`You wrote the policy ${policy.name}, so its break-glass list does not apply to you: ask an approver.`);
  if (!(await args.authorStillApproves())) {
    throw new RefusedError(
      `Whoever wrote the policy ${policy.name} can no longer approve requests for ${subject}, so its break-glass list no longer holds: ask a project admin to write it again.`,
    );
  }
  if (args.reason.length < BREAK_GLASS_MIN_REASON)
    throw ValidationError.field("reason", `Say why in at least ${BREAK_GLASS_MIN_REASON} characters: break-glass access is reviewed.`);
}

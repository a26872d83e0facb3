import "server-only";
import { ValidationError } from "../errors.ts";
import { stricterFirst, type Strictness } from "./governing-policy.ts";
import { approvalsInWords } from "./vocabulary.ts";

type WrittenPolicy = Strictness & { breakGlassIds: string[] };

/**
 * What a policy's writer may not do with it (the second security review): name themselves for
 * break-glass; name anyone for break-glass on a subject whose requests they could not approve
 * themselves (break-glass is an approval given in advance); or become the policy that governs
 * a subject while fewer people can approve there than it asks for, which would leave every
 * request for it unapprovable.
 *
 * `covered`: the subjects the policy covers, in the order refusals should name them;
 * `others`: the project's other policies, with what they cover.
 */
export async function checkPolicyWriter<Subject>(args: {
  writerId: string;
  policy: WrittenPolicy;
  covered: readonly Subject[];
  others: ReadonlyArray<Strictness & { covers(subject: Subject): boolean }>;
  writerApproves(subject?: Subject): boolean;
  approversAvailable(subject: Subject): Promise<number>;
  /** "accounts", "roles": what the policy's subjects are called. */
  subjects: string;
  describe(subject: Subject): string;
}): Promise<void> {
  const { policy } = args;
  if (policy.breakGlassIds.includes(args.writerId)) {
    throw ValidationError.field(
      "breakGlassIds",
      "You cannot name yourself for break-glass in a policy you write: another project admin must write that policy.",
    );
  }
  if (policy.breakGlassIds.length > 0) {
    const beyond = args.covered.find((subject) => !args.writerApproves(subject));
    if (!args.writerApproves() || beyond !== undefined) {
      throw ValidationError.field(
        "breakGlassIds",
        `Break-glass is an approval given in advance: you may name people for it only on ${args.subjects} whose requests you could approve yourself${beyond !== undefined ? `, and you cannot approve ${args.describe(beyond)}` : ""}.`,
      );
    }
  }
  const governed = args.covered.filter((subject) => args.others.filter((other) => other.covers(subject)).every((other) => stricterFirst(policy, other) < 0));
  for (const subject of governed) {
    const able = await args.approversAvailable(subject);
    if (able < policy.requiredApprovals) {
      throw ValidationError.field(
        "requiredApprovals",
        `${args.describe(subject)} would follow this policy and need ${approvalsInWords(policy.requiredApprovals)}, but only ${able} of the approvers you named can approve there: nobody could get access to it. Ask for fewer approvals or name more approvers.`,
      );
    }
  }
}

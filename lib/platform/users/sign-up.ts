import "server-only";
import { afterResponse } from "../after-response.ts";
import { hashPassword } from "../auth/password.ts";
import { db, isUniqueViolation, type Tx } from "../db.ts";
import { ValidationError } from "../errors.ts";
import { tellOwnerOfSignUpAttempt } from "./password-reset.ts";
import { signUpSchema, type SignUpInput } from "./schemas.ts";
import { emailVerificationRequired, sendVerificationMail } from "../auth/email-verification.ts";

export type NewUser = { id: string; email: string; name: string };

/**
 * What the sign-up form learns. With mail set up it is "check your inbox" for a new address
 * and for one that already has an account alike (the owner gets a mail instead), so sign-up
 * does not tell who has an account. Without mail nothing can be verified or told, so the
 * account is ready at once, and a taken address is said to be taken.
 */
export type SignUpOutcome = { email: string; checkInbox: boolean };

/** Creates an account, unconfirmed when mail is set up; null when the address is taken. */
export async function createAccount(
  client: Pick<Tx, "user">,
  account: { name: string; email: string; passwordHash: string; emailVerified?: boolean },
): Promise<NewUser | null> {
  try {
    return await client.user.create({
      data: { name: account.name, email: account.email, passwordHash: account.passwordHash, emailVerifiedAt: account.emailVerified ? new Date() : null },
      select: { id: true, email: true, name: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/**
 * After a sign-up with verification on: the new account's confirmation mail, or the
 * existing owner's notice. Sent after the response, so timing does not tell them apart.
 * `nextPath` is where a confirmed newcomer continues (an invite link, say).
 */
export async function mailAfterSignUp(created: NewUser | null, email: string, nextPath: string | null = null): Promise<void> {
  await afterResponse(() => (created ? sendVerificationMail(created, nextPath) : tellOwnerOfSignUpAttempt(email)));
}

export async function signUp(input: SignUpInput): Promise<SignUpOutcome> {
  const { name, email, password } = signUpSchema.parse(input);
  const passwordHash = await hashPassword(password);
  const created = await createAccount(db(), { name, email, passwordHash });
  if (!emailVerificationRequired()) {
    if (!created) throw ValidationError.field("email", "An account with this email already exists. Sign in instead.");
    return { email, checkInbox: false };
  }
  await mailAfterSignUp(created, email);
  return { email, checkInbox: true };
}

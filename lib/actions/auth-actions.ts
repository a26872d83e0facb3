"use server";

import type { SignUpInput } from "../users/schemas.ts";
import { signUp } from "../users/sign-up.ts";
import type { ActionResult } from "./action-result.ts";
import { toActionResult } from "./to-action-result.ts";

/** Creates the account; the sign-up form then signs in through next-auth. */
export async function signUpAction(input: SignUpInput): Promise<ActionResult<{ email: string }>> {
  return toActionResult(async () => {
    const user = await signUp(input);
    return { email: user.email };
  });
}

"use server";

import { limitSignUps } from "../rate-limits/token-checks.ts";
import { signUpSchema } from "../users/schemas.ts";
import { signUp } from "../users/sign-up.ts";
import { definePublicAction } from "./define-action.ts";

/** Creates the account; the sign-up form then signs in through next-auth. */
export const signUpAction = definePublicAction(signUpSchema, async (input) => {
  await limitSignUps();
  const user = await signUp(input);
  return { email: user.email };
});

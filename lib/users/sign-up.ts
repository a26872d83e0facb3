import "server-only";
import { hashPassword } from "../auth/password.ts";
import { db, isUniqueViolation } from "../db.ts";
import { ValidationError } from "../errors.ts";
import { signUpSchema, type SignUpInput } from "./schemas.ts";

export type NewUser = { id: string; email: string; name: string };

export async function signUp(input: SignUpInput): Promise<NewUser> {
  const { name, email, password } = signUpSchema.parse(input);
  const passwordHash = await hashPassword(password);
  try {
    return await db().user.create({
      data: { name, email, passwordHash },
      select: { id: true, email: true, name: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw ValidationError.field("email", "An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}

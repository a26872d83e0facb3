import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "../errors.ts";

/** A project page's record: not found (another project's id, a malformed one) is the page's 404. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotFoundError || (error instanceof Error && error.name === "ZodError")) notFound();
    throw error;
  }
}

import "server-only";
import { cache } from "react";

/**
 * This request's clock, read once: every label rendered on the server measures from the
 * same instant, and client countdowns start from it without a hydration mismatch.
 */
export const requestTime = cache((): number => Date.now());

import { generate } from "otplib";
import { afterEach, beforeEach, vi } from "vitest";

/**
 * Codes depend on the 30-second step: each test of the calling file runs with the clock held
 * in the middle of one (Date only; timers and the database's own now() run), so "the previous
 * step" cannot turn into the one before it while a test runs.
 */
export function holdClockMidStep(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Math.floor(Date.now() / 30_000) * 30_000 + 15_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** The authenticator's code `offsetSteps` steps from now. */
export const codeAt = (secret: string, offsetSteps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

import "server-only";
import { after } from "next/server";

/**
 * Runs `work` once the response has gone out, so what it costs (a mail, an audit write)
 * cannot be timed by the client to learn which branch ran. Outside a request (tests,
 * scripts) it simply runs now.
 */
export async function afterResponse(work: () => Promise<unknown>): Promise<void> {
  const guarded = () => work().catch((error: unknown) => console.error("Deferred work failed", error));
  try {
    after(guarded);
  } catch {
    await guarded();
  }
}

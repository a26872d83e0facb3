import "server-only";
import { recordExpiredGrants } from "./project-members/grant-expiry.ts";
import { verifyRootKey } from "./secrets/data-keys.ts";

const SWEEP_EVERY_MS = 60_000;

/** Checks that must pass before any request is served, then background work. */
export async function startServer(): Promise<void> {
  try {
    await verifyRootKey();
  } catch (error) {
    // A wrong or missing root key would make every secret unreadable: refuse to serve.
    console.error(`\nTessera cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const sweep = () =>
    recordExpiredGrants().catch((error: unknown) => console.error("Recording expired project roles failed", error));
  setInterval(sweep, SWEEP_EVERY_MS).unref();
  void sweep();
}

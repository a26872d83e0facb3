import "server-only";
import { resignDueCrls } from "./pki/crl.ts";
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
  // Each sweep claims its rows with SKIP LOCKED, so several instances never do one item twice.
  const sweep = () => {
    void recordExpiredGrants().catch((error: unknown) => console.error("Recording expired project roles failed", error));
    void resignDueCrls().catch((error: unknown) => console.error("Re-signing CRLs failed", error));
  };
  setInterval(sweep, SWEEP_EVERY_MS).unref();
  sweep();
}

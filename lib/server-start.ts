import "server-only";
import { plans } from "./billing/plans.ts";
import { endDueGrants, sampleGrantSessions } from "./pam/grants.ts";
import { resignDueCrls } from "./pki/crl.ts";
import { recordExpiredGrants } from "./project-members/grant-expiry.ts";
import { verifyRootKey } from "./secrets/data-keys.ts";

const SWEEP_EVERY_MS = 60_000;
/** PAM grants end within this long of their time, and sessions are sampled this often. */
const PAM_SWEEP_EVERY_MS = 5_000;

/** Checks that must pass before any request is served, then background work. */
export async function startServer(): Promise<void> {
  try {
    await verifyRootKey();
    // A plan file that does not parse would enforce limits nobody meant: refuse to serve.
    plans();
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
  // Run at start too, so grants that fell due while no instance ran end now. A run that
  // outlasts the interval (a slow target database) is not overlapped by the next.
  let pamSweepRunning = false;
  const pamSweep = () => {
    if (pamSweepRunning) return;
    pamSweepRunning = true;
    void endDueGrants()
      .then(() => sampleGrantSessions())
      .catch((error: unknown) => console.error("The PAM sweep failed", error))
      .finally(() => {
        pamSweepRunning = false;
      });
  };
  setInterval(pamSweep, PAM_SWEEP_EVERY_MS).unref();
  pamSweep();
}

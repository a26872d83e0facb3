import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { plans } from "../platform/billing/plans.ts";
import { isDatabaseUnavailable } from "../platform/db.ts";
import { env } from "../platform/env.ts";
import { endDueGrants, sampleGrantSessions } from "../products/pam/grants.ts";
import { validateStaleChallenges } from "../products/pki/acme/challenges.ts";
import { pruneNonces } from "../products/pki/acme/nonces.ts";
import { pruneExpiredOrders } from "../products/pki/acme/orders.ts";
import { resignDueCrls } from "../products/pki/crl.ts";
import { sendExpiryAlerts } from "../products/pki/expiry/sweep.ts";
import { recordExpiredGrants } from "../platform/project-members/grant-expiry.ts";
import { endExpiredRoleRequests } from "../platform/role-requests/sweep.ts";
import { verifyRootKey } from "../platform/kms/data-keys.ts";
import { registerProducts } from "./products.ts";

/** While the database cannot be reached at start, how often to try again. */
const START_RETRY_MS = 2_000;

/** Checks that must pass before any request is served, then background work. */
export async function startServer(): Promise<void> {
  registerProducts();
  try {
    await verifyRootKeyOnceReachable();
    // A plan file that does not parse would enforce limits nobody meant: refuse to serve.
    plans();
  } catch (error) {
    // A wrong or missing root key would make every secret unreadable: refuse to serve.
    console.error(`\nTessera cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  // Each sweep claims its rows with SKIP LOCKED, so several instances never do one item twice.
  const sweep = () => {
    void recordExpiredGrants().catch(logSweepFailure("Recording expired project roles"));
    void endExpiredRoleRequests().catch(logSweepFailure("Ending requested project roles"));
    void resignDueCrls().catch(logSweepFailure("Re-signing CRLs"));
    void validateStaleChallenges().catch(logSweepFailure("Validating ACME challenges"));
    void pruneNonces().catch(logSweepFailure("Pruning ACME nonces"));
    void pruneExpiredOrders().catch(logSweepFailure("Pruning ACME orders"));
    void sendExpiryAlerts().catch(logSweepFailure("Mailing expiry alerts"));
  };
  setInterval(sweep, env().SWEEP_INTERVAL_SECONDS * 1000).unref();
  sweep();
  // Run at start too, so grants that fell due while no instance ran end now. A run that
  // outlasts the interval (a slow target database) is not overlapped by the next.
  let pamSweepRunning = false;
  const pamSweep = () => {
    if (pamSweepRunning) return;
    pamSweepRunning = true;
    void endDueGrants()
      .then(() => sampleGrantSessions())
      .catch(logSweepFailure("The PAM sweep"))
      .finally(() => {
        pamSweepRunning = false;
      });
  };
  // PAM grants end within this long of their time, and sessions are sampled this often.
  setInterval(pamSweep, env().PAM_SWEEP_INTERVAL_SECONDS * 1000).unref();
  pamSweep();
}

/**
 * The root key is checked against the database before anything is served. A database that
 * is down at start (an instance restarted during an outage) is waited for, not a reason to
 * exit: the instance starts serving when it returns, like the instances that kept running.
 */
async function verifyRootKeyOnceReachable(): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await verifyRootKey();
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      if (attempt === 0) console.error(`Tessera waits for its database before serving (unreachable); trying every ${START_RETRY_MS / 1000} s.`);
      await sleep(START_RETRY_MS);
    }
  }
}

/** A sweep that failed is retried on its next run; an outage is one line, not a stack per sweep. */
function logSweepFailure(what: string): (error: unknown) => void {
  return (error) => {
    if (isDatabaseUnavailable(error)) console.error(`${what} waits for the database (unreachable); retried on the next sweep.`);
    else console.error(`${what} failed`, error);
  };
}

// Runs once when the server starts: checks that must pass before any request, then
// background work that no request should wait for.
const SWEEP_EVERY_MS = 60_000;

export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself (not configuration): this needs Node, not Edge.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { verifyRootKey } = await import("./lib/secrets/data-keys.ts");
  try {
    await verifyRootKey();
  } catch (error) {
    // A wrong or missing root key would make every secret unreadable: refuse to serve.
    console.error(`\nTessera cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const { recordExpiredGrants } = await import("./lib/project-members/grant-expiry.ts");
  const sweep = () =>
    recordExpiredGrants().catch((error: unknown) => console.error("Recording expired project roles failed", error));
  setInterval(sweep, SWEEP_EVERY_MS).unref();
  void sweep();
}

// Runs once when the server starts. Background work that no request should wait for.
const SWEEP_EVERY_MS = 60_000;

export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself (not configuration): the sweep needs Node, not Edge.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { recordExpiredGrants } = await import("./lib/project-members/grant-expiry.ts");
  const sweep = () =>
    recordExpiredGrants().catch((error: unknown) => console.error("Recording expired project roles failed", error));
  setInterval(sweep, SWEEP_EVERY_MS).unref();
  void sweep();
}

// Runs once when the server starts (lib/app/server-start.ts says what it does).
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself (not configuration): start-up needs Node, not Edge.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/app/server-start.ts");
  await startServer();
}

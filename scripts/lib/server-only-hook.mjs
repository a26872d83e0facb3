// Lets scripts load lib/ modules outside Next.js: `server-only` throws unless bundled
// for React Server Components, so here it resolves to an empty module.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  return nextResolve(specifier, context);
}

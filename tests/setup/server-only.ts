// Stands in for the `server-only` package, whose import throws outside Next.js's server bundle.
export {};

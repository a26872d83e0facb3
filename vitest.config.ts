import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // The real module throws outside a React Server Components bundle.
      "server-only": path.resolve(import.meta.dirname, "tests/setup/server-only.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    // Run by `npm run test:cluster` (vitest.cluster.config.ts), against a production build.
    exclude: ["tests/cluster/**", "**/node_modules/**"],
    globalSetup: ["tests/setup/database.ts"],
    setupFiles: ["tests/setup/env.ts", "tests/setup/products.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});

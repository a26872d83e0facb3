import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

// `npm run test:cluster`: scenarios against two production instances behind HAProxy
// (tests/cluster). One file at a time: each starts its own cluster and stops PostgreSQL
// or instances on purpose.
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["tests/cluster/**/*.test.ts"],
    globalSetup: ["tests/cluster/support/build.ts"],
    setupFiles: ["tests/setup/products.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});

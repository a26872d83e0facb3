import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypeScript,
  {
    ignores: [".next/**", ".next-bench/**", "node_modules/**", "lib/generated/**", ".tessera/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/platform/env.ts." }],
    },
  },
  {
    // Scripts and test harnesses run outside the app and set up its environment.
    files: ["scripts/**", "tests/**", "e2e/**", "*.config.*", "lib/platform/env.ts", "proxy.ts"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;

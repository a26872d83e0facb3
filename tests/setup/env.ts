import { inject } from "vitest";

// lib/platform/env.ts reads these on first use, after this file ran in each test worker.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET = "test-secret-that-is-long-enough-for-next-auth";
process.env.ROOT_ENCRYPTION_KEY = "dGVzdC1yb290LWtleS10aGlydHktdHdvLWJ5dGVzLSE=";

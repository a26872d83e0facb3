import { bin, runOrThrow } from "./run.ts";

/** Applies the committed migrations (never creates new ones). */
export function migrateDeploy(databaseUrl: string): Promise<void> {
  return runOrThrow(bin("prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

import { db } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Runs `write` in a transaction, then starts `other` and commits only once `other` is either
 * done or waiting for a lock that transaction holds: the order of a race that copies a value
 * while it is being changed. Returns `other`'s result.
 */
export async function commitWhileOtherWaits<T>(write: (tx: Prisma.TransactionClient) => Promise<unknown>, other: () => Promise<T>): Promise<T> {
  let racing: Promise<T> | undefined;
  await db().$transaction(
    async (tx) => {
      await write(tx);
      const [{ pid }] = await tx.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
      let settled = false;
      racing = other().finally(() => (settled = true));
      racing.catch(() => undefined);
      while (!settled) {
        const waiting = await db().$queryRaw<unknown[]>`SELECT 1 FROM pg_stat_activity WHERE ${pid}::int = ANY(pg_blocking_pids(pid))`;
        if (waiting.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    { timeout: 60_000 },
  );
  return racing!;
}

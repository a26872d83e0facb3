import { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../db.ts";

/**
 * Whether the person whose id is `userId` (an SQL column) has a second factor: a confirmed
 * authenticator app or at least one passkey. The one definition every statement uses.
 */
export function hasSecondFactorSql(userId: string): Prisma.Sql {
  const column = Prisma.raw(userId);
  return Prisma.sql`(EXISTS (SELECT 1 FROM user_two_factor tf WHERE tf.user_id = ${column} AND tf.confirmed_at IS NOT NULL)
     OR EXISTS (SELECT 1 FROM passkeys pk WHERE pk.user_id = ${column}))`;
}

/** The same question for one person, in `client`'s transaction (or outside one). */
export async function hasSecondFactorIn(client: Pick<Tx, "$queryRaw">, userId: string): Promise<boolean> {
  const [row] = await client.$queryRaw<Array<{ has: boolean }>>`SELECT ${hasSecondFactorSql("u.id")} AS has FROM users u WHERE u.id = ${userId}::uuid`;
  return row?.has ?? false;
}

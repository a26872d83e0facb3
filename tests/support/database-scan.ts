import { expect } from "vitest";
import { db } from "@/lib/platform/db";

/**
 * Fails if `needle` appears in any text, JSON, array or bytea column of any table: for
 * secrets that must only ever be stored sealed or hashed.
 */
export async function expectNowhereInDatabase(needle: string | Buffer): Promise<void> {
  const columns = await db().$queryRaw<Array<{ table_name: string; column_name: string; data_type: string }>>`
    SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY', 'bytea')`;
  const bytes = Buffer.isBuffer(needle) ? needle : Buffer.from(needle, "utf8");
  const text = Buffer.isBuffer(needle) ? needle.toString("base64").slice(0, 40) : needle;
  for (const { table_name, column_name, data_type } of columns) {
    const [row] =
      data_type === "bytea"
        ? await db().$queryRawUnsafe<Array<{ found: boolean }>>(
            `SELECT EXISTS (SELECT 1 FROM "${table_name}" WHERE position($1::bytea in "${column_name}") > 0) AS found`,
            bytes,
          )
        : await db().$queryRawUnsafe<Array<{ found: boolean }>>(
            `SELECT EXISTS (SELECT 1 FROM "${table_name}" WHERE position($1 in "${column_name}"::text) > 0) AS found`,
            text,
          );
    expect(row?.found, `${table_name}.${column_name}`).toBe(false);
  }
}

import { randomBytes } from "node:crypto";

/**
 * A UUID version 7 (RFC 9562): the millisecond time in its first 48 bits, so rows written
 * in one statement of SQL land in index order, as the ids Prisma makes for `uuid(7)` do.
 */
export function uuid7(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

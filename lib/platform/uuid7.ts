import { randomBytes } from "node:crypto";

/** The millisecond of the last id made, and how many were made in it. */
let previous = { ms: -1, sequence: 0 };

/**
 * A UUID version 7 (RFC 9562): the millisecond time in its first 48 bits, so rows written
 * in one statement of SQL land in index order, as the ids Prisma makes for `uuid(7)` do.
 * Ids made in the same millisecond by this process keep the order they were made in: the
 * 12 bits after the version count them (RFC 9562 §6.2, method 1), the rest stays random. Two
 * audit events of one sign-in, ordered by id, had swapped when they shared a millisecond.
 * Past 4,096 in one millisecond the count gives way to random bits (unique, not ordered).
 */
export function uuid7(now = Date.now()): string {
  const sequence = now === previous.ms ? previous.sequence + 1 : 0;
  previous = { ms: now, sequence };
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  if (sequence <= 0xfff) {
    bytes[6] = sequence >> 8;
    bytes[7] = sequence & 0xff;
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

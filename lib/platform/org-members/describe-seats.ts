import type { SeatUsage } from "./seat-usage.ts";

/** "3 of 5 seats used · 2 free", or "3 seats used · no limit". */
export function describeSeats(seats: SeatUsage): string {
  return seats.limit === null ? `${seats.used} seats used · no limit` : `${seats.used} of ${seats.limit} seats used · ${seats.free} free`;
}

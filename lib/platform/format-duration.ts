const UNITS: Array<[string, number]> = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

/** Seconds in words, exactly, in at most two units: 7200 → "2 hours", 5400 → "1 hour 30 minutes". */
export function formatDuration(totalSeconds: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(totalSeconds));
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count === 0) continue;
    rest -= count * size;
    parts.push(`${count} ${unit}${count === 1 ? "" : "s"}`);
    if (parts.length === 2) break;
  }
  // A remainder below the second unit is dropped, so say it is approximate.
  return parts.length === 0 ? "0 seconds" : `${rest > 0 ? "about " : ""}${parts.join(" ")}`;
}

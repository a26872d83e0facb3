const BROWSERS: ReadonlyArray<readonly [string, RegExp]> = [
  ["Edge", /Edg\//],
  ["Firefox", /Firefox\//],
  ["Chrome", /Chrom(e|ium)\//],
  ["Safari", /Safari\//],
];
const SYSTEMS: ReadonlyArray<readonly [string, RegExp]> = [
  ["iPhone", /iPhone/],
  ["iPad", /iPad/],
  ["Android", /Android/],
  ["Windows", /Windows/],
  ["macOS", /Mac OS X/],
  ["Linux", /Linux/],
];

const firstMatch = (list: ReadonlyArray<readonly [string, RegExp]>, userAgent: string) => list.find(([, pattern]) => pattern.test(userAgent))?.[0];

/** "Chrome on Linux" from a user agent: enough to recognise one's own devices in a list. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = firstMatch(BROWSERS, userAgent);
  const system = firstMatch(SYSTEMS, userAgent);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

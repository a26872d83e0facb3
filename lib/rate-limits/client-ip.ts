/**
 * The client's address as the nearest proxy reports it (the first X-Forwarded-For hop,
 * which Next.js sets itself when there is no proxy). Used only to key rate limits.
 */
export function clientIp(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}

/**
 * Whether a state-changing request comes from our own pages. Next.js compares Origin with
 * Host only when Origin is present; a request without it (some proxies and old clients
 * strip it) would pass, so we then insist on the browser's Sec-Fetch-Site.
 */
export function isSameOriginRequest(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (origin) {
    try {
      return host !== null && new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return headers.get("sec-fetch-site") === "same-origin";
}

import { CLIENT_ADDRESS_HEADER } from "../http/client-address.ts";

/**
 * The client's address as Tessera's HTTP server resolved it from the connection (and from
 * trusted proxies only; see lib/platform/http/client-address.ts). Without that server in front, every
 * request is "unknown": limits then bind everyone together rather than trusting a header.
 */
export function clientIp(headers: { get(name: string): string | null }): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}

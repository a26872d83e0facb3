import { BlockList, isIP } from "node:net";

/**
 * The header Tessera's own HTTP server (scripts/serve.ts) sets on every request, after
 * removing whatever the client sent under that name: the only address the app believes.
 */
export const CLIENT_ADDRESS_HEADER = "x-tessera-client-address";

/** Forwarding headers a client can write freely; believed only when a trusted proxy sent them. */
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"];

/**
 * Parses TRUSTED_PROXIES: comma-separated addresses or CIDR ranges, IPv4 or IPv6
 * ("10.0.0.0/8, 192.168.1.10, fd00::/8"). Empty means no proxy is trusted.
 */
export function parseTrustedProxies(value: string | undefined): BlockList {
  return addressListOf((value ?? "").split(","), "TRUSTED_PROXIES");
}

/** Addresses and CIDR ranges, IPv4 or IPv6, as one list; `name` says whose they are in an error. */
export function addressListOf(entries: readonly string[], name: string): BlockList {
  const list = new BlockList();
  for (const entry of entries.map((part) => part.trim()).filter(Boolean)) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    if (family === 0) throw new Error(`${name}: "${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = Number(prefix);
    if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) throw new Error(`${name}: "${entry}" has an invalid prefix length`);
    list.addSubnet(address, bits, type);
  }
  return list;
}

/** Whether a client address (as the front door resolved it) is in the list. */
export function isAddressIn(address: string, list: BlockList): boolean {
  return isTrusted(normalize(address), list);
}

/** "::ffff:10.1.2.3" (an IPv4 peer on a dual-stack socket) is 10.1.2.3. */
function normalize(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the connection's peer, unless that peer is a trusted proxy, in which
 * case the X-Forwarded-For chain is walked from the right (the hop the proxy itself added)
 * past every trusted proxy to the first address that is not one. Entries to the left of that
 * were written by the client and are never believed.
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: BlockList): string {
  let address = normalize(peer ?? "");
  if (!address) return "unknown";
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").map(normalize).filter(Boolean);
  while (isTrusted(address, trusted) && hops.length > 0) {
    const previous = hops.pop() ?? "";
    if (isIP(previous) === 0) break;
    address = previous;
  }
  return address;
}

type IncomingRequest = { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } };

/**
 * What Tessera's HTTP server does to every request before Next.js sees it: records the
 * client's address under CLIENT_ADDRESS_HEADER and, unless the peer is a trusted proxy,
 * drops the forwarding headers (Next.js would otherwise believe a client's X-Forwarded-Host
 * and X-Forwarded-For, since it only fills them in when they are missing).
 */
export function admitRequest(request: IncomingRequest, trusted: BlockList): void {
  const peer = normalize(request.socket.remoteAddress ?? "");
  request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(peer, request.headers["x-forwarded-for"], trusted);
  if (!isTrusted(peer, trusted)) {
    for (const name of FORWARDING_HEADERS) delete request.headers[name];
  }
}

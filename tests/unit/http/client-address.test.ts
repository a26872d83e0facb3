import { describe, expect, it } from "vitest";
import { admitRequest, CLIENT_ADDRESS_HEADER, parseTrustedProxies, resolveClientAddress } from "@/lib/platform/http/client-address";

describe("the client's address", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("10.0.0.0/8, 192.168.1.10, fd00::/8");

  it("is the connection's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.7", "1.2.3.4", none)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:127.0.0.1", "1.2.3.4, 5.6.7.8", none)).toBe("127.0.0.1");
    expect(resolveClientAddress("2001:db8::1", undefined, none)).toBe("2001:db8::1");
    expect(resolveClientAddress(undefined, "1.2.3.4", none)).toBe("unknown");
  });

  it("walks past trusted proxies from the right and stops at the first address that is not one", () => {
    expect(resolveClientAddress("10.1.1.1", "203.0.113.7", proxies)).toBe("203.0.113.7");
    // The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
    expect(resolveClientAddress("10.1.1.1", "1.2.3.4, 203.0.113.7", proxies)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.1.1.1", "1.2.3.4, 203.0.113.7, 192.168.1.10", proxies)).toBe("203.0.113.7");
    expect(resolveClientAddress("fd00::5", "2001:db8::9", proxies)).toBe("2001:db8::9");
    expect(resolveClientAddress("10.1.1.1", ["1.2.3.4", "198.51.100.2"], proxies)).toBe("198.51.100.2");
    // Nothing forwarded, or garbage: the proxy itself is the client.
    expect(resolveClientAddress("10.1.1.1", undefined, proxies)).toBe("10.1.1.1");
    expect(resolveClientAddress("10.1.1.1", "not-an-address", proxies)).toBe("10.1.1.1");
    // A peer outside the list is not believed.
    expect(resolveClientAddress("192.168.1.11", "1.2.3.4", proxies)).toBe("192.168.1.11");
  });

  it("refuses a malformed TRUSTED_PROXIES with the entry at fault", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/"10\.0\.0\.0\/33" has an invalid prefix length/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/"proxy\.internal" is not an IP address/);
    expect(() => parseTrustedProxies("fd00::/129")).toThrow(/invalid prefix/);
  });

  it("drops forwarding headers from untrusted peers and keeps them from trusted proxies", () => {
    const forged = () => ({
      headers: {
        "x-forwarded-for": "1.2.3.4",
        "x-forwarded-host": "evil.example",
        "x-real-ip": "1.2.3.4",
        forwarded: "for=1.2.3.4",
        [CLIENT_ADDRESS_HEADER]: "1.2.3.4",
      } as Record<string, string | undefined>,
    });
    const direct = { ...forged(), socket: { remoteAddress: "::ffff:198.51.100.9" } };
    admitRequest(direct, proxies);
    expect(direct.headers).toEqual({ [CLIENT_ADDRESS_HEADER]: "198.51.100.9" });

    const viaProxy = { ...forged(), socket: { remoteAddress: "10.0.0.2" } };
    admitRequest(viaProxy, proxies);
    expect(viaProxy.headers[CLIENT_ADDRESS_HEADER]).toBe("1.2.3.4");
    expect(viaProxy.headers["x-forwarded-host"]).toBe("evil.example");
  });
});

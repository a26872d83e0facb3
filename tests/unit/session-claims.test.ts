import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Pages read the session cookie through next/headers; outside a request it is this jar.
const jar = new Map<string, string>();
vi.mock("next/headers", () => ({ cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }) }));
vi.mock("next/server", () => ({ connection: async () => undefined }));

// The setup files already loaded lib/ with the real modules: load it again with these.
vi.resetModules();
const { getSessionClaims } = await import("@/lib/platform/auth/session");

const secret = process.env.NEXTAUTH_SECRET!;
const token = (claims: Record<string, unknown>, options: { secret?: string; maxAge?: number } = {}) =>
  encode({ token: claims, secret: options.secret ?? secret, maxAge: options.maxAge });

describe("getSessionClaims", () => {
  beforeEach(() => jar.clear());
  afterEach(() => vi.useRealTimers());

  it("reads the ids from next-auth's cookie, plain or __Secure- (served over https)", async () => {
    jar.set("next-auth.session-token", await token({ sub: "user-1", sid: "session-1" }));
    expect(await getSessionClaims()).toEqual({ userId: "user-1", sessionId: "session-1" });
    jar.clear();
    jar.set("__Secure-next-auth.session-token", await token({ sub: "user-2", sid: "session-2" }));
    expect(await getSessionClaims()).toEqual({ userId: "user-2", sessionId: "session-2" });
  });

  it("is nobody without a cookie, with a token another secret made, an expired one, or one without both ids", async () => {
    expect(await getSessionClaims()).toBeNull();
    jar.set("next-auth.session-token", await token({ sub: "user-1", sid: "session-1" }, { secret: "another-secret-that-is-long-enough-for-it" }));
    expect(await getSessionClaims()).toBeNull();
    jar.set("next-auth.session-token", await token({ sub: "user-1", sid: "session-1" }, { maxAge: -60 }));
    expect(await getSessionClaims()).toBeNull();
    jar.set("next-auth.session-token", await token({ sub: "user-1" }));
    expect(await getSessionClaims()).toBeNull();
    jar.set("next-auth.session-token", "not a token");
    expect(await getSessionClaims()).toBeNull();
  });

  it("stops reading a token once it expires, though it read it before (the opened tokens are remembered)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    jar.set("next-auth.session-token", await token({ sub: "user-3", sid: "session-3" }, { maxAge: 60 }));
    expect(await getSessionClaims()).toEqual({ userId: "user-3", sessionId: "session-3" });
    vi.setSystemTime(Date.now() + 60_000);
    expect(await getSessionClaims(), "within the 15 s of clock tolerance").toEqual({ userId: "user-3", sessionId: "session-3" });
    vi.setSystemTime(Date.now() + 16_000);
    expect(await getSessionClaims()).toBeNull();
  });
});

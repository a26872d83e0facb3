import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "@/lib/platform/actions/same-origin";

const request = (entries: Record<string, string>) => isSameOriginRequest(new Headers(entries));

describe("isSameOriginRequest", () => {
  it("accepts an Origin that matches the host", () => {
    expect(request({ origin: "http://localhost:3000", host: "localhost:3000" })).toBe(true);
    expect(request({ origin: "https://tessera.example", host: "internal:8080", "x-forwarded-host": "tessera.example" })).toBe(true);
  });

  it("refuses another origin, even a look-alike", () => {
    expect(request({ origin: "https://evil.example", host: "localhost:3000" })).toBe(false);
    expect(request({ origin: "http://localhost:3000.evil.example", host: "localhost:3000" })).toBe(false);
    expect(request({ origin: "null", host: "localhost:3000" })).toBe(false);
  });

  it("without an Origin, trusts only the browser's same-origin fetch metadata", () => {
    expect(request({ host: "localhost:3000", "sec-fetch-site": "same-origin" })).toBe(true);
    expect(request({ host: "localhost:3000", "sec-fetch-site": "cross-site" })).toBe(false);
    expect(request({ host: "localhost:3000" })).toBe(false);
  });
});

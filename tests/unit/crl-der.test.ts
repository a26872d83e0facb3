// The CRL is put together by hand around entries kept as DER (lib/products/pki/x509.ts):
// what comes out must be a CRL any reader parses, with a signature that verifies, at sizes
// whose DER lengths take one, two and three bytes.
import { execFileSync } from "node:child_process";
import { KeyObject, verify, webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { crlEntryDer, generateKeyPair, publicKeyOf, signCrl, subjectName } from "@/lib/products/pki/x509";

describe("signCrl with kept entries", () => {
  it.each([0, 1, 3_000])("%i entries: parses, lists every serial with its reason, and its signature verifies", async (count) => {
    const keys = await generateKeyPair("EC_P256");
    const publicKey = await publicKeyOf(keys.publicKey);
    const serials = Array.from({ length: count }, (_, index) => (0x8000 + index).toString(16));
    const der = await signCrl(
      {
        number: 7,
        thisUpdate: new Date("2026-12-04T00:00:00Z"),
        nextUpdate: new Date("2026-12-11T00:00:00Z"),
        entries: Buffer.concat(
          serials.map((serialNumber, index) => crlEntryDer({ serialNumber, revokedAt: new Date(Date.UTC(2026, 11, 1, 0, 0, index)), reason: "keyCompromise" })),
        ),
      },
      { name: subjectName({ commonName: "Unit CA" }), key: { algorithm: "EC_P256", privateKey: keys.privateKey }, publicKey },
    );
    // Debian's openssl reads it (the library's own parser stops at a node count below 3,000 entries).
    const text = execFileSync("openssl", ["crl", "-inform", "DER", "-noout", "-text"], { input: der, encoding: "utf8" });
    expect(text).toContain("Issuer: CN = Unit CA");
    expect([...text.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((match) => match[1]!.replace(/^0+/, "").toLowerCase())).toEqual(serials);
    expect(text.match(/Key Compromise/g)?.length ?? 0).toBe(count);
    // The signature covers the TBS as written: the first element of the outer SEQUENCE.
    const [tbs, signature] = tbsAndSignature(der);
    expect(verify("sha256", tbs, { key: KeyObject.from(keys.publicKey as unknown as webcrypto.CryptoKey), dsaEncoding: "der" }, signature)).toBe(true);
  });
});

/** A DER element's total length and where its content starts. */
function element(der: Buffer, at: number): { start: number; end: number } {
  const first = der[at + 1]!;
  if (first < 0x80) return { start: at + 2, end: at + 2 + first };
  const size = first & 0x7f;
  const length = der.subarray(at + 2, at + 2 + size).reduce((total, byte) => total * 256 + byte, 0);
  return { start: at + 2 + size, end: at + 2 + size + length };
}

function tbsAndSignature(der: Buffer): [Buffer, Buffer] {
  const outer = element(der, 0);
  const tbs = element(der, outer.start);
  const algorithm = element(der, tbs.end);
  const bits = element(der, algorithm.end);
  return [der.subarray(outer.start, tbs.end), der.subarray(bits.start + 1, bits.end)];
}

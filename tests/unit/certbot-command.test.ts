import { describe, expect, it } from "vitest";
import { certbotCommand, certbotEabArgs } from "@/lib/products/pki/acme/client-commands";

describe("the certbot line shown beside a new ACME key", () => {
  it("joins each value to its option, so an HMAC key beginning with '-' is not read as an option", () => {
    expect(certbotEabArgs({ keyId: "k1", hmacKey: "-5fQh14S" })).toEqual(["--eab-kid=k1", "--eab-hmac-key=-5fQh14S"]);
    expect(certbotCommand({ keyId: "k1", hmacKey: "-5fQh14S", directoryUrl: "https://pki.example/directory" })).toBe(
      "certbot certonly --standalone --server=https://pki.example/directory --eab-kid=k1 --eab-hmac-key=-5fQh14S -d <your.domain>",
    );
  });
});

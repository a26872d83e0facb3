import { parse as dotenvParse } from "dotenv";
import { describe, expect, it } from "vitest";
import { formatDotenv, parseDotenv } from "@/lib/products/secrets/dotenv";

/** Everyday values people keep in .env files, each a trap for a naive writer. */
const CORPUS: Record<string, string> = {
  PLAIN: "value",
  EMPTY: "",
  WINDOWS_PATH: "C:\\Program Files\\app\\bin",
  TAB: "a\tb",
  DOUBLE_QUOTES: 'say "hello"',
  SINGLE_QUOTES: "it's",
  BOTH_QUOTES: `it's "quoted"`,
  HASH: "abc#123 # not a comment",
  DOLLAR: "$HOME and ${PATH} stay as typed",
  JSON: '{"a":1,"b":"two","c":[true,null],"d":"x\\"y"}',
  PEM: "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\nAT8wggE7AgEAAkEAq7BFUpkGp3+LQmlQ\n-----END PRIVATE KEY-----",
  UNICODE: "pässwörd ✓ 日本語 🚀",
  TRAILING_SPACES: "ends with spaces   ",
  LEADING_SPACES: "   starts with spaces",
  LITERAL_BACKSLASH_N: "not a newline: \\n",
  URL: "postgres://user:p%40ss@db.internal:5432/app?sslmode=require",
  EQUALS: "a=b=c",
  BACKTICK: "run `make`",
};

function roundTrip(content: string) {
  const ours = Object.fromEntries(parseDotenv(content).entries.map((entry) => [entry.key, entry.value]));
  return { dotenv: dotenvParse(content), ours };
}

describe(".env export", () => {
  it("writes every everyday value so that dotenv and Tessera's import read back exactly what was stored", () => {
    const { content, unwritable } = formatDotenv(Object.entries(CORPUS).map(([key, value]) => ({ key, value })));
    expect(unwritable).toEqual([]);
    const { dotenv, ours } = roundTrip(content);
    expect(dotenv).toEqual(CORPUS);
    expect(ours).toEqual(CORPUS);
  });

  it("keeps each value on its own line for any one value alone, CRLF files included", () => {
    for (const [key, value] of Object.entries(CORPUS)) {
      const { content } = formatDotenv([{ key, value }]);
      expect(roundTrip(content), key).toEqual({ dotenv: { [key]: value }, ours: { [key]: value } });
      const crlf = content.replaceAll("\n", "\r\n");
      if (!value.includes("\n")) expect(roundTrip(crlf).dotenv, `${key} with CRLF`).toEqual({ [key]: value });
    }
  });

  it("says which value dotenv's syntax cannot hold and why, instead of corrupting it", () => {
    const { content, unwritable } = formatDotenv([
      { key: "FINE", value: "ok" },
      { key: "ALL_QUOTES", value: "' \" ` together" },
      { key: "CARRIAGE_RETURN", value: 'line\rreturn "quoted"' },
    ]);
    expect(unwritable.map((entry) => entry.key)).toEqual(["ALL_QUOTES", "CARRIAGE_RETURN"]);
    expect(unwritable[0]!.reason).toMatch(/single, double and back quotes/);
    expect(content).toBe("FINE=ok\n");
  });
});

describe(".env import", () => {
  it("reads files as dotenv does: only \\n and \\r expand inside double quotes, single quotes and backticks are literal", () => {
    const file = [
      "export PLAIN=value",
      'DOUBLE="a\\tb \\"c\\" \\\\ d\\ne"',
      "SINGLE='x\\ny'",
      'BACKTICK=`it\'s "both"`',
      "UNQUOTED=abc # a comment",
      'MULTI="one',
      'two"',
      "",
    ].join("\r\n");
    const { dotenv, ours } = roundTrip(file);
    expect(ours).toEqual(dotenv);
    expect(ours.DOUBLE).toBe('a\\tb \\"c\\" \\\\ d\ne');
  });
});

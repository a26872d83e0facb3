// Reads and writes .env files as the `dotenv` package (the loader most services use) reads
// them: `KEY=value`, an optional `export ` prefix, # comments (an unquoted value ends at
// the first #), and single-, double- or back-quoted values that may span lines. Inside
// double quotes only \n and \r expand; every other backslash, and everything inside single
// quotes and backticks, is literal. Nothing else is expanded ($VAR stays as written).
import { parse as dotenvParse } from "dotenv";

export type DotenvEntry = { key: string; value: string; line: number };
export type DotenvResult = { entries: DotenvEntry[]; errors: string[] };

const ASSIGNMENT = /^\s*(?:export\s+)?([^=\s#]+)\s*=\s*/;
export function parseDotenv(text: string): DotenvResult {
  // dotenv reads CRLF and lone CR as line ends before anything else.
  const lines = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const entries: DotenvEntry[] = [];
  const errors: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const lineNumber = index + 1;
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const assignment = ASSIGNMENT.exec(line);
    if (!assignment) {
      errors.push(`Line ${lineNumber}: expected KEY=value.`);
      continue;
    }
    const key = assignment[1] ?? "";
    let rest = line.slice(assignment[0].length);
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === "`") {
      // A quoted value may continue over the following lines until its closing quote.
      let value = "";
      let closed = false;
      let consumed = index;
      rest = rest.slice(1);
      for (;;) {
        const end = closingQuote(rest, quote);
        if (end >= 0) {
          value += rest.slice(0, end);
          closed = true;
          rest = rest.slice(end + 1);
          break;
        }
        if (consumed + 1 >= lines.length) break;
        value += `${rest}\n`;
        consumed++;
        rest = lines[consumed] ?? "";
      }
      if (!closed) {
        errors.push(`Line ${lineNumber}: the value of ${key} has no closing ${quote}.`);
        break;
      }
      if (rest.trim() !== "" && !rest.trim().startsWith("#")) {
        errors.push(`Line ${consumed + 1}: unexpected text after the closing ${quote} of ${key}.`);
      }
      entries.push({ key, value: quote === '"' ? unescape(value) : value, line: lineNumber });
      index = consumed;
    } else {
      entries.push({ key, value: rest.replace(/#.*$/, "").trim(), line: lineNumber });
    }
  }
  return { entries, errors };
}

/** The index of the quote that ends the value: a backslash keeps the next quote from ending it (and stays). */
function closingQuote(text: string, quote: string): number {
  for (let index = 0; index < text.length; index++) {
    if (text[index] === "\\") {
      index++;
      continue;
    }
    if (text[index] === quote) return index;
  }
  return -1;
}

/** What dotenv does to a double-quoted value: \n and \r become line breaks, nothing else changes. */
function unescape(value: string): string {
  return value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
}

const PLAIN_VALUE = /^[A-Za-z0-9_./:@+,=-]*$/;

/** The ways a value can be written, in order of preference; each is checked by reading it back. */
const WRITINGS: Array<(value: string) => string | null> = [
  (value) => (PLAIN_VALUE.test(value) ? value : null),
  // Literal in dotenv (and left alone by dotenv-expand): the usual choice.
  (value) => (value.includes("'") || value.includes("\r") ? null : `'${value}'`),
  // For values with a single quote; a carriage return can only be written here, as \r.
  (value) => (value.includes('"') || /\\[nr]/.test(value) ? null : `"${value.replaceAll("\r", "\\r")}"`),
  (value) => (value.includes("`") || value.includes("\r") ? null : `\`${value}\``),
];

function unwritableReason(value: string): string {
  if (value.includes("\r")) return "it holds a carriage return together with a double quote or a literal \\n or \\r, which dotenv cannot read back";
  return "it holds single, double and back quotes together, and dotenv has no escape for a quote";
}

export type DotenvExport = { content: string; unwritable: Array<{ key: string; reason: string }> };

/**
 * One `KEY=value` line per entry, each written the first way that both dotenv's parser and
 * Tessera's import read back exactly. A value no way of writing holds is left out and named
 * in `unwritable`, with the reason, rather than written wrong.
 */
export function formatDotenv(entries: ReadonlyArray<{ key: string; value: string }>): DotenvExport {
  const lines: string[] = [];
  const unwritable: DotenvExport["unwritable"] = [];
  for (const { key, value } of entries) {
    const line = WRITINGS.map((write) => write(value))
      .filter((written): written is string => written !== null)
      .map((written) => `${key}=${written}\n`)
      .find((candidate) => readsBackAs(candidate, key, value));
    if (line) lines.push(line);
    else unwritable.push({ key, reason: unwritableReason(value) });
  }
  return { content: lines.join(""), unwritable };
}

function readsBackAs(line: string, key: string, value: string): boolean {
  const ours = parseDotenv(line);
  return dotenvParse(line)[key] === value && ours.errors.length === 0 && ours.entries.length === 1 && ours.entries[0]!.value === value;
}

// Reads and writes .env files. Reading follows what dotenv accepts: `KEY=value`, an optional
// `export ` prefix, # comments, and single-, double- or back-quoted values (double quotes
// understand \n, \r, \t, \" and \\, and may span lines). Nothing is expanded.

export type DotenvEntry = { key: string; value: string; line: number };
export type DotenvResult = { entries: DotenvEntry[]; errors: string[] };

const ASSIGNMENT = /^\s*(?:export\s+)?([^=\s#]+)\s*=\s*/;
const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

export function parseDotenv(text: string): DotenvResult {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
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
      entries.push({ key, value: rest.replace(/\s+#.*$/, "").trim(), line: lineNumber });
    }
  }
  return { entries, errors };
}

/** The index of the quote that ends the value (a double-quoted value may escape one). */
function closingQuote(text: string, quote: string): number {
  for (let index = 0; index < text.length; index++) {
    if (quote === '"' && text[index] === "\\") {
      index++;
      continue;
    }
    if (text[index] === quote) return index;
  }
  return -1;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/gs, (whole, char: string) => ESCAPES[char] ?? whole);
}

const PLAIN_VALUE = /^[A-Za-z0-9_./:@+,=-]*$/;

/** One `KEY=value` line per entry; anything beyond plain characters is double-quoted. */
export function formatDotenv(entries: ReadonlyArray<{ key: string; value: string }>): string {
  return entries
    .map(({ key, value }) => {
      if (PLAIN_VALUE.test(value)) return `${key}=${value}\n`;
      const escaped = value.replace(/[\\"\n\r\t]/g, (char) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" })[char] ?? char);
      return `${key}="${escaped}"\n`;
    })
    .join("");
}

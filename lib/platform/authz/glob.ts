/**
 * Globs over slash-separated paths, matched in time linear in the path for a given pattern:
 * `*` matches within one folder, `**` across folders, `?` one character other than `/`; a
 * trailing `/**` also matches the folder itself, so "/api/**" covers "/api" and everything
 * below it.
 *
 * Patterns come from role editors, so they are hostile input. Regular expressions built from
 * them backtrack (`/**a**a**a**b` took seconds against a long path), so this simulates the
 * pattern's automaton instead: one pass over the path, keeping the set of pattern positions
 * reachable so far. Work is at most 2 × (path length + 1) × (pattern tokens + 1) state visits.
 */

/** At most this many `*`, `**` and `?` in one pattern; the role schema refuses more. */
export const MAX_GLOB_WILDCARDS = 16;

type Token = { kind: "char"; char: string } | { kind: "one" } | { kind: "star" } | { kind: "globstar" };

export type GlobMatcher = {
  /** `steps`, when given, counts state visits: what the linear-time test measures. */
  matches(value: string, steps?: { count: number }): boolean;
};

/** How many wildcards a pattern holds (`**` counts once). */
export function countGlobWildcards(pattern: string): number {
  return tokenize(pattern).filter((token) => token.kind !== "char").length;
}

export function compileGlob(pattern: string): GlobMatcher {
  const alternatives = [tokenize(pattern)];
  if (pattern.endsWith("/**")) alternatives.push(tokenize(pattern.slice(0, -3)));
  return {
    matches: (value, steps) => alternatives.some((tokens) => run(tokens, value, steps)),
  };
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] ?? "";
    if (char === "*" && pattern[index + 1] === "*") {
      // "***" and longer are one globstar: consecutive stars add nothing.
      while (pattern[index + 1] === "*") index++;
      if (tokens.at(-1)?.kind !== "globstar") tokens.push({ kind: "globstar" });
    } else if (char === "*") {
      if (tokens.at(-1)?.kind !== "star" && tokens.at(-1)?.kind !== "globstar") tokens.push({ kind: "star" });
    } else if (char === "?") {
      tokens.push({ kind: "one" });
    } else {
      tokens.push({ kind: "char", char });
    }
  }
  return tokens;
}

function run(tokens: readonly Token[], value: string, steps?: { count: number }): boolean {
  const size = tokens.length + 1;
  let current = new Uint8Array(size);
  let next = new Uint8Array(size);
  addWithClosure(tokens, current, 0, steps);
  for (const char of value) {
    next.fill(0);
    let alive = false;
    for (let state = 0; state < tokens.length; state++) {
      if (!current[state]) continue;
      if (steps) steps.count++;
      const token = tokens[state]!;
      switch (token.kind) {
        case "char":
          if (token.char === char) alive = addWithClosure(tokens, next, state + 1, steps) || alive;
          break;
        case "one":
          if (char !== "/") alive = addWithClosure(tokens, next, state + 1, steps) || alive;
          break;
        case "star":
          if (char !== "/") alive = addWithClosure(tokens, next, state, steps) || alive;
          break;
        case "globstar":
          alive = addWithClosure(tokens, next, state, steps) || alive;
          break;
      }
    }
    if (!alive) return false;
    [current, next] = [next, current];
  }
  return current[tokens.length] === 1;
}

/** Marks `state` and every state reachable from it without reading (stars may match nothing). */
function addWithClosure(tokens: readonly Token[], states: Uint8Array, state: number, steps?: { count: number }): boolean {
  let position = state;
  while (position <= tokens.length && !states[position]) {
    states[position] = 1;
    if (steps) steps.count++;
    const kind = tokens[position]?.kind;
    if (kind !== "star" && kind !== "globstar") break;
    position++;
  }
  return true;
}

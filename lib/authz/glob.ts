/**
 * Turns a secret-path glob into an anchored regular expression. `*` matches within one
 * folder, `**` across folders, `?` one character; a trailing `/**` also matches the
 * folder itself, so "/api/**" covers "/api" and everything below it.
 */
export function globToRegExpSource(glob: string): string {
  let source = "";
  let rest = glob;
  let matchesFolderItself = false;
  if (rest.endsWith("/**")) {
    rest = rest.slice(0, -3);
    matchesFolderItself = true;
  }
  for (let index = 0; index < rest.length; index++) {
    const char = rest[index] ?? "";
    if (char === "*" && rest[index + 1] === "*") {
      source += ".*";
      index++;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  if (matchesFolderItself) source += "(?:/.*)?";
  return `^${source}$`;
}

/**
 * Data a page hands the browser as one JSON string, for what only the browser renders
 * (BrowserRows). As props, a list crosses the server/client boundary as React's model: the
 * server serializes each value, reads the whole model back to render the client components
 * (which draw no rows there), and writes it into the page again. As one string it is one
 * JSON.stringify, parsed where the rows are drawn.
 */
export type BrowserData<T> = string & { readonly __browserData: T };

/** What JSON carries as it is: a Date would arrive as a string, so it is refused here. */
type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };

/** On the server: the data as the browser will read it (dates already in words or ISO strings). */
export function browserData<T extends Json>(data: T): BrowserData<T> {
  return JSON.stringify(data) as BrowserData<T>;
}

/** In the browser: the data back, as it was given. */
export function readBrowserData<T>(data: BrowserData<T>): T {
  return JSON.parse(data) as T;
}

/** Whether the list is empty, told from the string without reading it (what the server needs). */
export function isEmptyBrowserData(data: BrowserData<readonly unknown[]>): boolean {
  return data === "[]";
}

import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import pg from "pg";
import { RETRY_AFTER_SECONDS, UNAVAILABLE_JSON, UNAVAILABLE_PAGE, UNAVAILABLE_PAGE_CSP } from "./unavailable-page.ts";

/** Asks the database one trivial question; true when it answered. */
export type DatabaseProbe = () => Promise<boolean>;

const PROBE_TIMEOUT_MS = 2_000;
/** While the database is away, how often the front door checks whether it is back. */
const RECHECK_EVERY_MS = 1_000;

/**
 * A probe on its own short-lived connection, not the app's pool: it must answer within
 * two seconds even when every pooled connection is stuck. Concurrent callers share one run.
 */
export function databaseProbe(databaseUrl: string): DatabaseProbe {
  let running: Promise<boolean> | undefined;
  const probeOnce = async (): Promise<boolean> => {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: PROBE_TIMEOUT_MS, query_timeout: PROBE_TIMEOUT_MS });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("SELECT 1");
      return true;
    } catch {
      return false;
    } finally {
      running = undefined;
      void client.end().catch(() => {});
    }
  };
  return () => (running ??= probeOnce());
}

/** What a request is, for the gate: pages get the 503 page, the API gets JSON, the rest passes. */
type RequestKind = "page" | "api" | "pass";

function kindOf(request: IncomingMessage): RequestKind {
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  // Server actions answer "cannot reach the database, try again" themselves, in the form;
  // health endpoints report the database themselves; static files need none.
  if (request.headers["next-action"] !== undefined) return "pass";
  if (path.startsWith("/api/health") || path.startsWith("/_next/static/") || path === "/favicon.ico") return "pass";
  return path.startsWith("/api/") ? "api" : "page";
}

/**
 * The front door's answer to a database outage. While the database is known to be away,
 * pages get a plain 503 page and the API a 503 JSON error at once, without touching the
 * app (no hang on a dead pool, no stack trace). A page that fails with a 5xx while the
 * database was thought up is held back until one probe says why: if the database is away,
 * the 503 replaces the error and the gate closes; otherwise the original answer goes out.
 * Once closed, the gate probes every second and opens again by itself.
 */
export class DatabaseGate {
  #down = false;
  #recheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly probe: DatabaseProbe,
    private readonly log: (message: string) => void = console.error,
  ) {}

  /** Answers the request itself when the database is away (true), else watches its answer. */
  intercept(request: IncomingMessage, response: ServerResponse): boolean {
    const kind = kindOf(request);
    if (kind === "pass") return false;
    if (this.#down) {
      answerUnavailable(response, kind);
      return true;
    }
    this.#holdServerErrors(response, kind);
    return false;
  }

  #markDown(): void {
    if (this.#down) return;
    this.#down = true;
    this.log("Tessera cannot reach its database: pages answer 503 until it is back.");
    this.#recheck = setInterval(() => {
      void this.probe().then((up) => {
        if (!up || !this.#down) return;
        this.#down = false;
        clearInterval(this.#recheck);
        this.log("The database answers again: serving normally.");
      });
    }, RECHECK_EVERY_MS);
    this.#recheck.unref();
  }

  /**
   * Wraps the response so that a 5xx is buffered, not sent, until the probe has answered.
   * The decision is taken at the first of writeHead/write/end (Node calls writeHead itself
   * from write/end when the app only set statusCode); anything below 500 streams as usual.
   * The wrappers stay in place and delegate: Next.js wraps these methods again after us
   * (compression sets Content-Encoding from its writeHead hook), and putting the originals
   * back would cut its wrappers out of the chain.
   */
  #holdServerErrors(response: ServerResponse, kind: "page" | "api"): void {
    const original = { writeHead: response.writeHead, write: response.write, end: response.end };
    let decided = false;
    let held = false;
    let headArgs: unknown[] = [];
    const chunks: Array<{ chunk: unknown; encoding?: BufferEncoding }> = [];
    const decide = (status: number) => {
      if (decided) return;
      decided = true;
      held = status >= 500 && !response.headersSent;
    };
    // What was held already went through every later wrapper (compressed, say): it is sent,
    // or replaced, with the methods beneath them all.
    const release = () => {
      void this.probe().then((up) => {
        held = false;
        if (up) {
          if (headArgs.length) (original.writeHead as (...args: unknown[]) => void).apply(response, headArgs);
          for (const { chunk, encoding } of chunks) original.write.call(response, chunk as string, encoding as BufferEncoding);
          (original.end as () => void).call(response);
          return;
        }
        this.#markDown();
        answerUnavailable(response, kind, original);
      });
    };

    response.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
      decide(statusCode);
      if (!held) return (original.writeHead as (...args: unknown[]) => ServerResponse).apply(this, [statusCode, ...rest]);
      // As if sent: later wrappers see the status, and their own implicit writeHead (the
      // headers look unsent while held) does not replace the first call's headers.
      if (headArgs.length === 0) {
        headArgs = [statusCode, ...rest];
        this.statusCode = statusCode;
      }
      return this;
    } as ServerResponse["writeHead"];
    response.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, callback?: unknown) {
      decide(this.statusCode);
      if (!held)
        return (original.write as (...args: unknown[]) => boolean).apply(
          this,
          [chunk, encoding, callback].filter((value) => value !== undefined),
        );
      chunks.push({ chunk, encoding: typeof encoding === "string" ? (encoding as BufferEncoding) : undefined });
      (typeof encoding === "function" ? encoding : (callback as (() => void) | undefined))?.();
      return true;
    } as ServerResponse["write"];
    response.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) {
      decide(this.statusCode);
      if (!held)
        return (original.end as (...args: unknown[]) => ServerResponse).apply(
          this,
          [chunk, encoding, callback].filter((value) => value !== undefined),
        );
      if (chunk !== undefined && typeof chunk !== "function")
        chunks.push({ chunk, encoding: typeof encoding === "string" ? (encoding as BufferEncoding) : undefined });
      release();
      return this;
    } as ServerResponse["end"];
  }
}

/** The methods that put a status, headers and a body on the wire. */
type ResponseSender = {
  writeHead(this: ServerResponse, statusCode: number, headers: OutgoingHttpHeaders): unknown;
  end(this: ServerResponse, body: string): unknown;
};

/** The 503: the page for people, JSON for the API; never cached, with when to retry. */
export function answerUnavailable(response: ServerResponse, kind: "page" | "api", send: ResponseSender = response): void {
  for (const name of response.getHeaderNames()) if (name !== "x-served-by") response.removeHeader(name);
  const headers: OutgoingHttpHeaders = {
    "Cache-Control": "no-store",
    "Retry-After": String(RETRY_AFTER_SECONDS),
    "X-Content-Type-Options": "nosniff",
  };
  if (kind === "api") {
    send.writeHead.call(response, 503, { ...headers, "Content-Type": "application/json; charset=utf-8" });
    send.end.call(response, UNAVAILABLE_JSON);
    return;
  }
  send.writeHead.call(response, 503, { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": UNAVAILABLE_PAGE_CSP });
  send.end.call(response, UNAVAILABLE_PAGE);
}

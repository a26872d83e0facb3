// A client that signs in and calls server actions over plain HTTP, as the browser does,
// from a chosen loopback address (the balancer names it to the instances), on a new
// connection per request so that round-robin alternates instances request by request.
import { request as httpRequest } from "node:http";
import { gunzipSync } from "node:zlib";

export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string; servedBy: string | undefined };

/** What a server action returned (its typed result), or undefined when the answer was not one. */
export type ActionOutcome = { answer: Answer; result: { ok: boolean; data?: unknown; formError?: string; fieldErrors?: unknown } | undefined };

export class HttpClient {
  readonly #cookies = new Map<string, string>();
  #csrfToken: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly localAddress = "127.0.0.1",
  ) {}

  request(method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
    const url = new URL(path, this.baseUrl);
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          method,
          host: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          localAddress: this.localAddress,
          agent: false,
          // As a browser asks: pages come compressed, through every wrapper of the response.
          headers: {
            "accept-encoding": "gzip",
            ...(cookie ? { cookie } : {}),
            ...options.headers,
            ...(options.body ? { "content-length": Buffer.byteLength(options.body) } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            for (const line of response.headers["set-cookie"] ?? []) {
              const [pair = ""] = line.split(";");
              const at = pair.indexOf("=");
              const name = pair.slice(0, at);
              const value = pair.slice(at + 1);
              if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.#cookies.delete(name);
              else this.#cookies.set(name, value);
            }
            const servedBy = response.headers["x-served-by"];
            const raw = Buffer.concat(chunks);
            const body = response.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: body.toString("utf8"),
              servedBy: typeof servedBy === "string" ? servedBy : undefined,
            });
          });
        },
      );
      outgoing.on("error", reject);
      outgoing.end(options.body);
    });
  }

  get(path: string): Promise<Answer> {
    return this.request("GET", path);
  }

  /**
   * Signs in through next-auth's credentials callback, as the sign-in form does. Resolves
   * with the error code next-auth put in its answer (undefined: signed in) and who answered.
   */
  async signIn(email: string, password: string): Promise<{ error: string | undefined; servedBy: string | undefined }> {
    // Asked once: its cookie stays valid, and one request per attempt keeps round-robin even.
    this.#csrfToken ??= (JSON.parse((await this.get("/api/auth/csrf")).body) as { csrfToken: string }).csrfToken;
    const csrfToken = this.#csrfToken;
    const body = new URLSearchParams({ csrfToken, email, password, callbackUrl: `${this.baseUrl}/`, json: "true" }).toString();
    const answer = await this.request("POST", "/api/auth/callback/credentials", {
      headers: { "content-type": "application/x-www-form-urlencoded", origin: this.baseUrl },
      body,
    });
    // With json=true next-auth answers {url} (200, or 401 for refused credentials).
    let url: string | undefined;
    try {
      url = (JSON.parse(answer.body) as { url?: string }).url;
    } catch {
      url = undefined;
    }
    if (!url) return { error: `HTTP ${answer.status}`, servedBy: answer.servedBy };
    return { error: new URL(url, this.baseUrl).searchParams.get("error") ?? undefined, servedBy: answer.servedBy };
  }

  /** Calls a server action on the page that uses it, with the browser's headers. */
  async action(page: string, actionId: string, input: unknown): Promise<ActionOutcome> {
    const answer = await this.request("POST", page, {
      headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: this.baseUrl },
      body: JSON.stringify([input]),
    });
    return { answer, result: actionResultOf(answer) };
  }
}

/** The action's return value: the React Flight row that carries `{"ok":…}`. */
function actionResultOf(answer: Answer): ActionOutcome["result"] {
  if (answer.status !== 200) return undefined;
  for (const line of answer.body.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith('{"ok"')) continue;
    try {
      return JSON.parse(json) as ActionOutcome["result"];
    } catch {
      return undefined;
    }
  }
  return undefined;
}

import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The most any request may send, counted by the front door before Next.js reads a byte of
 * it. Server actions have the same limit in next.config.js; API routes a smaller one of
 * their own (lib/platform/api/respond.ts). Larger uploads would need a route that streams them.
 */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** How long, and how many more bytes, a refused body is read and thrown away before the connection is cut. */
const LINGER_MS = 2_000;
const LINGER_BYTES = 8 * 1024 * 1024;

/**
 * Closes the connection of a refused request without losing the answer. Closing a socket
 * with unread bytes in it makes the kernel reset the connection, and a client still sending
 * then never reads the 413 it was sent. So, as nginx's lingering close does, the server
 * stops sending (FIN) and reads on, throwing every byte away, until the client closes, or
 * for at most LINGER_MS or LINGER_BYTES; nothing of it is kept.
 */
function lingerThenClose(request: IncomingMessage): void {
  const socket = request.socket;
  let discarded = 0;
  request.push = (chunk: Buffer | null): boolean => {
    discarded += chunk?.length ?? 0;
    if (discarded > LINGER_BYTES) socket.destroy();
    return chunk !== null;
  };
  // Node calls destroySoon once a "Connection: close" answer is out; it would close at once.
  socket.destroySoon = () => {
    socket.end();
    const cut = setTimeout(() => socket.destroy(), LINGER_MS);
    cut.unref();
    socket.once("close", () => clearTimeout(cut));
    request.resume();
  };
}

function answerTooLarge(request: IncomingMessage, response: ServerResponse, maxBytes: number): void {
  const message = `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`;
  const api = request.url?.startsWith("/api/") ?? false;
  const body = api ? JSON.stringify({ statusCode: 413, message: `body: larger than ${Math.round(maxBytes / 1024)} KiB`, error: "Payload Too Large" }) : message;
  lingerThenClose(request);
  response.writeHead(413, {
    "Content-Type": api ? "application/json" : "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    Connection: "close",
  });
  response.end(body);
}

/**
 * Keeps a request's body within `maxBytes`, whatever it declares. A declared length over the
 * limit is refused at once. A body without one (chunked) is counted as it arrives and held,
 * unread by anyone, until it ends: over the limit it is dropped and refused (413, connection
 * closed), so no more than `maxBytes` of it is ever in memory; within it, it is handed on
 * intact. Resolves true when the request may go on to the app.
 *
 * Counting happens where Node's HTTP parser pushes each piece of body into the request
 * stream (`push`): that is the one place that sees every byte before anything buffers it,
 * and returning false there makes the parser stop reading the socket. A refused body's
 * connection closes after its answer is out (lingerThenClose).
 */
export async function admitBody(request: IncomingMessage, response: ServerResponse, maxBytes = MAX_REQUEST_BODY_BYTES): Promise<boolean> {
  const declared = request.headers["content-length"];
  if (declared !== undefined) {
    // Node's parser never delivers more than a declared length, so the header is the bound.
    if (Number(declared) > maxBytes) {
      answerTooLarge(request, response, maxBytes);
      return false;
    }
    return true;
  }
  if (request.headers["transfer-encoding"] === undefined) return true;

  const push = request.push.bind(request);
  const held: Buffer[] = [];
  let size = 0;
  return new Promise<boolean>((resolve) => {
    const settle = (admitted: boolean) => {
      request.push = push;
      request.off("close", onClose);
      resolve(admitted);
    };
    const onClose = () => settle(false);
    request.once("close", onClose);
    request.push = (chunk: Buffer | null): boolean => {
      if (chunk === null) {
        settle(true);
        for (const piece of held) push(piece);
        held.length = 0;
        return push(null);
      }
      size += chunk.length;
      if (size > maxBytes) {
        held.length = 0;
        settle(false);
        answerTooLarge(request, response, maxBytes);
        return false;
      }
      held.push(chunk);
      return true;
    };
  });
}

/**
 * A route handler's body, read as it streams in and abandoned at the first byte over
 * `maxBytes` (null then): a declared length is not trusted to be the whole story.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

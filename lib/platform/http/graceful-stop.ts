import type { Server, ServerResponse } from "node:http";

/** How long a stopping instance waits for requests in flight before it exits anyway. */
export const DEFAULT_GRACE_SECONDS = 25;

/**
 * A graceful stop for one HTTP server: on the first SIGTERM or SIGINT it stops accepting
 * connections, closes idle keep-alive ones, answers what is in flight (each with
 * "Connection: close", so the load balancer opens its next connection elsewhere), then
 * runs `close` and exits 0. A second signal, or the grace period running out, exits at once.
 */
export class GracefulStop {
  #inFlight = 0;
  #stopping = false;
  #exiting = false;

  constructor(
    private readonly server: Server,
    private readonly close: () => Promise<void>,
    private readonly graceSeconds = DEFAULT_GRACE_SECONDS,
  ) {}

  get stopping(): boolean {
    return this.#stopping;
  }

  /** Counts a request until its response is done (or its connection gone). */
  track(response: ServerResponse): void {
    this.#inFlight++;
    if (this.#stopping) response.shouldKeepAlive = false;
    response.once("close", () => {
      this.#inFlight--;
      if (this.#stopping) this.#exitWhenIdle();
    });
  }

  listen(signals: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT"]): void {
    for (const signal of signals) process.on(signal, () => this.#begin(signal));
  }

  #begin(signal: NodeJS.Signals): void {
    if (this.#stopping) {
      console.error(`Second ${signal}: exiting now, ${this.#inFlight} request(s) unanswered.`);
      process.exit(1);
    }
    this.#stopping = true;
    console.error(`${signal}: finishing ${this.#inFlight} request(s) in flight, then stopping.`);
    this.server.close();
    this.server.closeIdleConnections();
    setTimeout(() => {
      console.error(`Stopping after ${this.graceSeconds} s with ${this.#inFlight} request(s) still in flight.`);
      this.server.closeAllConnections();
      void this.#exit(1);
    }, this.graceSeconds * 1000).unref();
    this.#exitWhenIdle();
  }

  #exitWhenIdle(): void {
    if (this.#inFlight === 0) void this.#exit(0);
  }

  async #exit(code: number): Promise<void> {
    if (this.#exiting) return;
    this.#exiting = true;
    await this.close().catch(() => {});
    process.exit(code);
  }
}

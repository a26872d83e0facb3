import { AsyncLocalStorage } from "node:async_hooks";

/** Where a request came from, for the audit events it writes. */
export type RequestContext = { ip: string | null; userAgent: string | null };

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` with the request's origin available to recordAuditEvent, however deep. */
export function withRequestContext<T>(context: RequestContext, work: () => Promise<T>): Promise<T> {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

// The instances run the production build of the working tree: made here when it is stale.
import { buildIfStale } from "../../../scripts/lib/build.ts";
import { haproxyBinary } from "../../../scripts/lib/haproxy.ts";

export async function setup(): Promise<void> {
  // Fails with how to install it: these tests need the real load balancer.
  haproxyBinary();
  await buildIfStale();
}

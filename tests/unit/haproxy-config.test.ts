// The README shows the load balancer configuration the cluster runs and is tested with:
// this keeps that copy equal to what scripts/lib/haproxy.ts writes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { haproxyConfig, haproxyErrorFile } from "../../scripts/lib/haproxy";

describe("the HAProxy configuration", () => {
  it("is the one the README shows", () => {
    const readme = readFileSync(path.join(import.meta.dirname, "..", "..", "README.md"), "utf8");
    const shown = /```haproxy\n([\s\S]*?)```/.exec(readme)?.[1];
    const written = haproxyConfig({
      bind: "0.0.0.0",
      port: 3000,
      backends: [
        { name: "app1", port: 3001 },
        { name: "app2", port: 3002 },
      ],
      errorFile: "/etc/haproxy/errors/tessera-503.http",
    });
    expect(shown).toBe(written);
  });

  it("answers with Tessera's 503 page, its length counted in bytes", () => {
    const file = haproxyErrorFile();
    const [head = "", body = ""] = file.split("\r\n\r\n");
    expect(head.split("\r\n")[0]).toBe("HTTP/1.0 503 Service Unavailable");
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(body).toContain("Tessera is briefly unavailable");
  });
});

// PostgreSQL behind TLS from a private CA, for PAM's verified connections: a small proxy
// answers the client's SSLRequest with "S", completes the TLS handshake with a certificate
// Debian's openssl signed, and relays the decrypted stream to the tests' plain PostgreSQL.
// A client that sends no SSLRequest is relayed as it is.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";

const SSL_REQUEST_CODE = 80877103;

export type TlsPostgres = { host: string; port: number; caPem: string; otherCaPem: string; close(): Promise<void> };

function openssl(cwd: string, ...args: string[]): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
}

/** A CA and a server certificate for 127.0.0.1 under it, plus an unrelated CA. */
function certificates(): { caPem: string; otherCaPem: string; certPem: string; keyPem: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "tessera-tls-pg-"));
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  const caExtensions = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"];
  openssl(dir, "req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Test database CA", ...caExtensions);
  openssl(dir, "req", "-x509", ...ec, "-keyout", "other.key", "-out", "other.pem", "-days", "2", "-subj", "/CN=Another CA", ...caExtensions);
  openssl(dir, "req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  writeFileSync(path.join(dir, "server.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
  openssl(
    dir,
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "2",
    "-extfile",
    "server.ext",
  );
  const read = (name: string) => readFileSync(path.join(dir, name), "utf8");
  return { caPem: read("ca.pem"), otherCaPem: read("other.pem"), certPem: read("server.pem"), keyPem: read("server.key") };
}

export async function tlsPostgres(upstream: { host: string; port: number }): Promise<TlsPostgres> {
  const { caPem, otherCaPem, certPem, keyPem } = certificates();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    client.once("data", (first) => {
      client.pause();
      const database = net.connect(upstream.port, upstream.host);
      sockets.add(database);
      database.on("close", () => sockets.delete(database));
      database.on("error", () => client.destroy());
      const sslRequest = first.length === 8 && first.readInt32BE(4) === SSL_REQUEST_CODE;
      if (!sslRequest) {
        database.write(first);
        client.pipe(database).pipe(client);
        client.resume();
        return;
      }
      client.write("S");
      const secure = new tls.TLSSocket(client, { isServer: true, cert: certPem, key: keyPem });
      secure.on("error", () => {
        client.destroy();
        database.destroy();
      });
      secure.on("close", () => database.destroy());
      database.on("close", () => secure.destroy());
      secure.pipe(database).pipe(secure);
      client.resume();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    host: "127.0.0.1",
    port,
    caPem,
    otherCaPem,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

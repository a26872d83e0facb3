import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { findFreePort } from "./free-port.ts";

/**
 * A real SMTP server on loopback for the e2e tests: Tessera sends its mail here over SMTP,
 * and each message is written, as received, to a file in `dir` for the tests to read.
 */
export async function startMailCatcher(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address).join(",");
        const file = path.join(dir, `${Date.now()}-${++count}.eml`);
        writeFileSync(file, `X-Envelope-To: ${recipients}\r\n${Buffer.concat(chunks).toString("utf8")}`);
        callback();
      });
    },
  });
  const port = await findFreePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// A DNS server for dns-01 tests: answers TXT questions from a map it is given, over UDP on
// 127.0.0.1, NXDOMAIN for anything else. Enough of RFC 1035 for one question per query.
import { createSocket } from "node:dgram";

export type TestDnsServer = { port: number; txt: Map<string, string[]>; close(): Promise<void> };

function questionOf(query: Buffer): { name: string; end: number } | null {
  const labels: string[] = [];
  let at = 12;
  while (at < query.length && query[at] !== 0) {
    const length = query[at]!;
    labels.push(query.subarray(at + 1, at + 1 + length).toString("ascii"));
    at += 1 + length;
  }
  return at + 5 <= query.length ? { name: labels.join(".").toLowerCase(), end: at + 5 } : null;
}

export async function startDnsServer(): Promise<TestDnsServer> {
  const txt = new Map<string, string[]>();
  const socket = createSocket("udp4");
  socket.on("message", (query, peer) => {
    const question = questionOf(query);
    if (!question) return;
    const type = query.readUInt16BE(question.end - 4);
    const values = type === 16 ? (txt.get(question.name) ?? []) : [];
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    header.writeUInt16BE(values.length ? 0x8400 : 0x8403, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(values.length, 6);
    const answers = values.map((value) => {
      const text = Buffer.from(value, "ascii");
      const record = Buffer.alloc(12);
      record.writeUInt16BE(0xc00c, 0);
      record.writeUInt16BE(16, 2);
      record.writeUInt16BE(1, 4);
      record.writeUInt32BE(0, 6);
      record.writeUInt16BE(text.length + 1, 10);
      return Buffer.concat([record, Buffer.from([text.length]), text]);
    });
    socket.send(Buffer.concat([header, query.subarray(12, question.end), ...answers]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return { port: socket.address().port, txt, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

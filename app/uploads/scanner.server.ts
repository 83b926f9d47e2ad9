import net from "node:net";

// Malware scanning of uploads by ClamAV's daemon (clamd), over its socket protocol: INSTREAM sends
// the file in length-prefixed chunks and clamd answers `stream: OK` or `stream: <signature> FOUND`.
// A real deployment points CLAMAV_URL at a clamd that freshclam keeps current; the tests start one
// with a local signature database.

export type ScanVerdict = { verdict: "clean" } | { verdict: "infected"; signature: string } | { verdict: "unavailable"; reason: string };

export interface MalwareScanner {
  /** Where it scans, for the administrators' page (`tcp://127.0.0.1:3310`). */
  readonly address: string;
  scan(bytes: Uint8Array): Promise<ScanVerdict>;
  /** Whether clamd answers PING now. */
  ping(): Promise<boolean>;
}

const CHUNK_BYTES = 64 * 1024;

/** `tcp://host:port` or `unix:/path/to/clamd.ctl`. */
export function parseClamavUrl(url: string): net.NetConnectOpts {
  if (url.startsWith("unix:")) return { path: url.slice("unix:".length).replace(/^\/\//, "") };
  const parsed = new URL(url);
  if (parsed.protocol !== "tcp:" || !parsed.port) throw new Error(`CLAMAV_URL must be tcp://host:port or unix:/path (got "${url}")`);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

/** Sends one command (and, for INSTREAM, the file) and reads clamd's answer up to its NUL. */
function converse(target: net.NetConnectOpts, timeoutMs: number, write: (socket: net.Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(target);
    let answer = "";
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`clamd did not answer within ${timeoutMs} ms`)));
    socket.on("error", fail);
    socket.on("connect", () => write(socket));
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
      if (answer.includes("\0")) {
        socket.end();
        resolve(answer.slice(0, answer.indexOf("\0")));
      }
    });
    socket.on("end", () => resolve(answer.replace(/\0.*$/s, "")));
  });
}

export function clamdScanner(url: string, timeoutMs = 15_000): MalwareScanner {
  const target = parseClamavUrl(url);
  return {
    address: url,
    async scan(bytes) {
      let answer: string;
      try {
        answer = await converse(target, timeoutMs, (socket) => {
          socket.write("zINSTREAM\0");
          for (let offset = 0; offset < bytes.byteLength; offset += CHUNK_BYTES) {
            const chunk = bytes.subarray(offset, offset + CHUNK_BYTES);
            const length = Buffer.alloc(4);
            length.writeUInt32BE(chunk.byteLength);
            socket.write(length);
            socket.write(chunk);
          }
          socket.write(Buffer.alloc(4));
        });
      } catch (error) {
        return { verdict: "unavailable", reason: (error as Error).message };
      }
      const found = /^stream: (.+) FOUND$/.exec(answer.trim());
      if (found) return { verdict: "infected", signature: found[1]! };
      if (answer.trim() === "stream: OK") return { verdict: "clean" };
      return { verdict: "unavailable", reason: `clamd answered: ${answer.trim().slice(0, 200)}` };
    },
    async ping() {
      try {
        return (await converse(target, Math.min(timeoutMs, 3_000), (socket) => socket.write("zPING\0"))).trim() === "PONG";
      } catch {
        return false;
      }
    },
  };
}

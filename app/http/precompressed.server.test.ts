import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressedAssets } from "./precompressed.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-precompressed-"));
// A script like the build's: varied enough that brotli's best beats its quick setting.
const script = Array.from({ length: 4000 }, (_, i) => `export const value${i} = ${(i * 7919) % 1000} + "${i.toString(36)}";`).join("\n");
fs.mkdirSync(path.join(dir, "_shared"));
fs.writeFileSync(path.join(dir, "_shared", "chunk-ABC.js"), script);
fs.writeFileSync(path.join(dir, "tiny.js"), "export {};");
fs.writeFileSync(path.join(dir, "font.woff2"), Buffer.alloc(4096, 7));

let baseUrl = "";
let server: ReturnType<express.Express["listen"]>;
const { serve, ready } = precompressedAssets(dir);

beforeAll(async () => {
  const app = express();
  app.use("/build", serve, (_req, res) => res.status(204).setHeader("X-Fell-Through", "yes").end());
  server = app.listen(0);
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  expect(await ready).toBe(1);
});
afterAll(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (file: string, encoding: string) => fetch(`${baseUrl}/build/${file}`, { headers: { "accept-encoding": encoding } });

describe("the build's assets compressed ahead", () => {
  it("are served brotli-compressed at its best, with their length, kept for a year", async () => {
    const answer = await get("_shared/chunk-ABC.js", "gzip, deflate, br");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-encoding")).toBe("br");
    expect(answer.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(answer.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(answer.headers.get("vary")).toBe("Accept-Encoding");
    const sent = Number(answer.headers.get("content-length"));
    expect(await answer.text()).toBe(script);
    const quick = zlib.brotliCompressSync(script, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }).length;
    expect(sent).toBeLessThan(quick);
  });

  it("leave to the next handler a browser without brotli, a file too small or not compressible, and a write", async () => {
    for (const [file, encoding] of [
      ["_shared/chunk-ABC.js", "gzip"],
      ["_shared/chunk-ABC.js", "br;q=0, gzip"],
      ["tiny.js", "br"],
      ["font.woff2", "br"],
      ["missing.js", "br"],
    ] as const) {
      const answer = await get(file, encoding);
      expect(answer.headers.get("x-fell-through"), `${file} ${encoding}`).toBe("yes");
    }
    const posted = await fetch(`${baseUrl}/build/_shared/chunk-ABC.js`, { method: "POST", headers: { "accept-encoding": "br" } });
    expect(posted.headers.get("x-fell-through")).toBe("yes");
  });

  it("are compressed once per process and directory", () => {
    expect(precompressedAssets(dir).ready).toBe(ready);
  });
});

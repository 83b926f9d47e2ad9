import { describe, expect, it } from "vitest";
import { pageBody } from "./entry.server";

const collect = (stream: ReturnType<typeof pageBody>) => {
  const pieces: Buffer[] = [];
  stream.on("data", (piece: Buffer) => pieces.push(piece));
  return new Promise<Buffer[]>((resolve) => stream.on("end", () => resolve(pieces)));
};

describe("a page's body on its way out", () => {
  it("goes in one piece for what is written at once, and a later part as soon as it is written", async () => {
    const body = pageBody();
    const pieces = collect(body);
    for (let i = 0; i < 300; i++) body.write(Buffer.from(`<li>${i}</li>`));
    await new Promise((resolve) => setTimeout(resolve, 20));
    body.write(Buffer.from("<p>later</p>"));
    body.end();
    const sent = await pieces;
    expect(sent).toHaveLength(2);
    expect(sent[0]!.toString()).toMatch(/^<li>0<\/li>.*<li>299<\/li>$/);
    expect(sent[1]!.toString()).toBe("<p>later</p>");
  });

  it("carries no zero byte, wherever React left one, and keeps every other byte", async () => {
    const body = pageBody();
    const pieces = collect(body);
    const arabic = Buffer.from("الجهاز", "utf8");
    body.write(Buffer.concat([Buffer.from([0]), arabic.subarray(0, 3)]));
    body.write(Buffer.concat([Buffer.from([0, 0]), arabic.subarray(3), Buffer.from([0])]));
    body.end(Buffer.from("<p>\u0000</p>"));
    const sent = Buffer.concat(await pieces);
    expect(sent.includes(0)).toBe(false);
    expect(sent.toString("utf8")).toBe("الجهاز<p></p>");
  });
});

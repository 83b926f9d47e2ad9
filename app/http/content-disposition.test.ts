import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition";

describe("contentDisposition", () => {
  it.each([
    ["floor plan.pdf", "attachment; filename=\"floor-plan.pdf\"; filename*=UTF-8''floor%20plan.pdf"],
    ['a"b=c;d.pdf', "attachment; filename=\"a-b-c-d.pdf\"; filename*=UTF-8''a%22b%3Dc%3Bd.pdf"],
    ["مخطط المنشأة.pdf", "attachment; filename=\"file.pdf\"; filename*=UTF-8''%D9%85%D8%AE%D8%B7%D8%B7%20%D8%A7%D9%84%D9%85%D9%86%D8%B4%D8%A3%D8%A9.pdf"],
    ["it's (1)*.png", "attachment; filename=\"it-s-1.png\"; filename*=UTF-8''it%27s%20%281%29%2A.png"],
  ])("names %j safely", (name, expected) => {
    expect(contentDisposition("attachment", name)).toBe(expected);
  });

  it("never lets a newline or a quote into the header", () => {
    const header = contentDisposition("inline", 'x"\r\nSet-Cookie: a=b.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('"').length).toBe(3);
    // A header Node accepts.
    expect(() => new Headers({ "Content-Disposition": header })).not.toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { readJsonObjectBody } from "./request-body.server";

const post = (body: string | undefined, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1/api/sync/x", { method: "POST", body, headers });

async function refusal(promise: Promise<unknown>): Promise<{ status: number; error: string }> {
  try {
    await promise;
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, error: ((await thrown.json()) as { error: string }).error };
    throw thrown;
  }
  throw new Error("expected a refusal");
}

describe("readJsonObjectBody", () => {
  it("takes a JSON object, and an empty optional body as {} with or without a content type", async () => {
    const json = { "content-type": "application/json; charset=utf-8" };
    expect(await readJsonObjectBody(post('{"params":{"a":1}}', json), { maxBytes: 100 })).toEqual({ params: { a: 1 } });
    expect(await readJsonObjectBody(post(undefined), { maxBytes: 100, optional: true })).toEqual({});
    expect(await readJsonObjectBody(post("", json), { maxBytes: 100, optional: true })).toEqual({});
  });

  it("refuses other types (415), JSON that is not an object (400), bad UTF-8 (400), a body over the cap (413)", async () => {
    const json = { "content-type": "application/json" };
    expect(
      (await refusal(readJsonObjectBody(post("<a/>", { "content-type": "text/xml" }), { maxBytes: 100 }))).status,
    ).toBe(415);
    expect((await refusal(readJsonObjectBody(post('{"a":1}'), { maxBytes: 100, optional: true }))).status).toBe(415);
    for (const body of ["null", "[]", '"x"', "42", "{nope"])
      expect((await refusal(readJsonObjectBody(post(body, json), { maxBytes: 100 }))).status).toBe(400);
    const badUtf8 = new Request("http://127.0.0.1/", {
      method: "POST",
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
      headers: json,
    });
    expect((await refusal(readJsonObjectBody(badUtf8, { maxBytes: 100 }))).status).toBe(400);
    const big = await refusal(readJsonObjectBody(post(`{"a":"${"x".repeat(200)}"}`, json), { maxBytes: 100 }));
    expect(big).toEqual({ status: 413, error: expect.stringContaining("larger than") });
    expect((await refusal(readJsonObjectBody(post("", json), { maxBytes: 100 }))).status).toBe(400);
  });
});

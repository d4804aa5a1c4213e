import { describe, expect, it } from "vitest";
import {
  DatabaseBusyError,
  ExternalSystemError,
  NotConfiguredError,
  NotFoundError,
  PermanentError,
  TransientError,
  ValidationError,
} from "./errors";
import { INTERNAL_ERROR_MESSAGE, errorResponse, statusForError, withErrorResponses } from "./http-errors.server";
import { createLogger } from "./logger.server";

const quiet = createLogger({}, "silent");

/** What Prisma throws when a query timed out on a held lock: a long text naming its internals. */
function prismaTimeout(): Error {
  return Object.assign(
    new Error("\nInvalid `prisma.job.create()` invocation in\n/app/node_modules/x.js:27\n  at t (x.js)"),
    {
      name: "PrismaClientKnownRequestError",
      code: "P1008",
    },
  );
}

async function answer(error: unknown) {
  const response = errorResponse(error, quiet);
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.text() };
}

describe("errorResponse", () => {
  it("answers database contention with 503, Retry-After and a plain message", async () => {
    for (const error of [new DatabaseBusyError(), prismaTimeout()]) {
      const { status, retryAfter, body } = await answer(error);
      expect({ status, retryAfter: Number(retryAfter) > 0 }).toEqual({ status: 503, retryAfter: true });
      expect(JSON.parse(body)).toEqual({ error: new DatabaseBusyError().message });
    }
  });

  it("never shows library text, class names or stacks for an unexpected error", async () => {
    const { status, body } = await answer(Object.assign(prismaTimeout(), { code: "P2010" }));
    expect(status).toBe(500);
    expect(JSON.parse(body)).toEqual({ error: INTERNAL_ERROR_MESSAGE });
    expect((await answer(new TypeError("x is undefined"))).body).not.toContain("TypeError");
  });

  it("maps typed errors to their statuses", async () => {
    expect(statusForError(new ValidationError("bad", { sku: "required" }))).toBe(422);
    expect(JSON.parse((await answer(new ValidationError("bad", { sku: "required" }))).body)).toEqual({
      error: "bad",
      fieldErrors: { sku: "required" },
    });
    expect(statusForError(new NotConfiguredError("Fastmag", "/app/settings/fastmag"))).toBe(409);
    expect(statusForError(new PermanentError("refused"))).toBe(400);
    expect(statusForError(new TransientError("timeout"))).toBe(503);
    const passed = new Response("x", { status: 401 });
    expect(errorResponse(passed)).toBe(passed);
    expect(statusForError(new NotFoundError("No such run."))).toBe(404);
    expect(statusForError(new ExternalSystemError("Fastmag refused the request: KO"))).toBe(502);
  });

  it("tells a client how long to wait when the failure says so", async () => {
    const { status, retryAfter, body } = await answer(
      new TransientError("Fastmag did not answer.", { retryAfterMs: 30_000 }),
    );
    expect({ status, retryAfter, body: JSON.parse(body) }).toEqual({
      status: 503,
      retryAfter: "30",
      body: { error: "Fastmag did not answer." },
    });
  });
});

describe("withErrorResponses", () => {
  it("answers what a handler throws through the one mapping, and passes its Responses through", async () => {
    const handler = withErrorResponses(async ({ fail }: { fail: unknown }) => {
      if (fail) throw fail;
      return new Response("ok");
    }, quiet);
    expect(await (await handler({ fail: null })).text()).toBe("ok");
    const refused = await handler({ fail: new ValidationError("The SKU is missing.", { sku: "required" }) });
    expect({ status: refused.status, body: await refused.json() }).toEqual({
      status: 422,
      body: { error: "The SKU is missing.", fieldErrors: { sku: "required" } },
    });
    const thrown = new Response(null, { status: 302, headers: { location: "/auth" } });
    expect(await handler({ fail: thrown })).toBe(thrown);
    const crashed = await handler({ fail: new RangeError("Invalid time value at Date.toISOString") });
    expect({ status: crashed.status, body: await crashed.text() }).toEqual({
      status: 500,
      body: JSON.stringify({ error: INTERNAL_ERROR_MESSAGE }),
    });
  });
});

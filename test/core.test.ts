import { definedAttributes, Token, withoutTokenStackTraces } from "../lib/core";

describe("withoutTokenStackTraces", () => {
  test("tokens created inside get no creation stack; outside they keep it", () => {
    const inside = withoutTokenStackTraces(() => Token.asAny("inside"));
    expect(inside.creationStack).toEqual([]);
    const outside = Token.asAny("outside");
    expect(outside.creationStack.length).toBeGreaterThan(0);
  });

  test("ordinary errors keep their stack trace inside", () => {
    const error = withoutTokenStackTraces(() => new Error("boom"));
    expect(error.stack).toMatch(/core\.test/);
    const captured: { stack?: string } = {};
    withoutTokenStackTraces(() => Error.captureStackTrace(captured));
    expect(captured.stack).toMatch(/core\.test/);
    expect(captured.stack).not.toMatch(/captureUnlessUnlimited/);
  });

  test("Error.captureStackTrace is restored, also when the work throws", () => {
    const original = Error.captureStackTrace;
    expect(() =>
      withoutTokenStackTraces(() => {
        throw new Error("fails");
      }),
    ).toThrow("fails");
    expect(Error.captureStackTrace).toBe(original);
  });
});

describe("definedAttributes", () => {
  test("drops undefined values and keeps every other value, falsy ones included", () => {
    const attributes = { region: "europe-west9", endpoint: undefined, flag: false, count: 0, name: "", empty: null };
    expect(definedAttributes(attributes)).toEqual({ region: "europe-west9", flag: false, count: 0, name: "", empty: null });
    expect(Object.keys(definedAttributes(attributes))).not.toContain("endpoint");
  });
});

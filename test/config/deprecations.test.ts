/** Deprecated fields: still accepted, ignored, one warning line each (lib/config/deprecations.ts). */
import { configWarnings } from "../../lib/config/deprecations";
import { configWith, synthAll } from "../helpers";

const withCustomerId = (c: any) => (c.organization.customerId = "C01abc2de");

describe("organization.customerId is deprecated", () => {
  it("warns once, naming the field and what to do", () => {
    expect(configWarnings(configWith(withCustomerId))).toEqual([
      expect.stringMatching(/^warning: organization\.customerId: is ignored: .*principal set.* \(allowed: leave it out\)$/),
    ]);
  });

  it("says nothing when the config leaves it out", () => {
    expect(configWarnings(configWith())).toEqual([]);
  });

  it("changes nothing in the synthesized stacks", () => {
    expect(synthAll(configWith(withCustomerId))).toEqual(synthAll(configWith()));
  });
});

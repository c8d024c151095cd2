import { DEFAULT_EKM_CONNECTION_NAME, DEFAULT_EKM_KEY_PATH_PREFIX, DEFAULT_ROTATION_DAYS } from "../../lib/key-custody/defaults";
import { DEFAULT_LOG_RETENTION_DAYS } from "../../lib/logging/defaults";
import { DEFAULT_PREFIX } from "../../lib/naming";
import { configWith } from "../helpers";

describe("config defaults are the constructs' defaults", () => {
  it("fills what is left out with the constants the constructs export", () => {
    const config = configWith((c) => {
      delete c.landingZone;
      delete c.operator.rotationDays;
      delete c.operator.ekm.connectionName;
      delete c.operator.ekm.keyPathPrefix;
      delete c.tenants[0].logging;
    });
    expect(config.landingZone.prefix).toBe(DEFAULT_PREFIX);
    expect(config.landingZone.logRetentionDays).toBe(DEFAULT_LOG_RETENTION_DAYS);
    expect(config.tenants[0].logging.retentionDays).toBe(DEFAULT_LOG_RETENTION_DAYS);
    expect(config.operator.rotationDays).toBe(DEFAULT_ROTATION_DAYS);
    expect(config.operator.ekm?.connectionName).toBe(DEFAULT_EKM_CONNECTION_NAME);
    expect(config.operator.ekm?.keyPathPrefix).toBe(DEFAULT_EKM_KEY_PATH_PREFIX);
  });

  it("keeps what is written", () => {
    const config = configWith((c) => {
      c.operator.rotationDays = 30;
      c.tenants[0].logging = { retentionDays: 31 };
    });
    expect(config.operator.rotationDays).toBe(30);
    expect(config.tenants[0].logging.retentionDays).toBe(31);
  });
});

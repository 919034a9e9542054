import { describe, expect, it } from "vitest";
import { isSecretKey } from "../../src/plan/templates/consul-kv.js";
import { ModuleInputs } from "../../src/plan/module-inputs.js";

describe("Consul KV values", () => {
  it("are secret when the key or the setting they are written to says so", () => {
    expect(isSecretKey("mail/password", undefined)).toBe(true);
    expect(isSecretKey("dnsmasq/aws/secret_key", undefined)).toBe(true);
    expect(isSecretKey("docker/mirror/key", undefined)).toBe(true);
    expect(isSecretKey("svc/upstream", "API_TOKEN")).toBe(true);
    expect(isSecretKey("site/admin", "admin_password")).toBe(true);
    expect(isSecretKey("caddy/EXTERNAL_HOSTNAME", "domain")).toBe(false);
    expect(isSecretKey("postbox/smtp_host", "SMTP_HOST")).toBe(false);
    expect(isSecretKey("keys/count", "KEY_COUNT")).toBe(false);
  });

  it("become one module input per key: sensitive without default, or plain with keyOrDefault's default", () => {
    const inputs = new ModuleInputs((n) => n === "namespace");
    expect(inputs.consulKey("app/port", { default: "8080" })).toEqual({ name: "app_port", created: true });
    expect(inputs.consulKey("app/port", { default: "8080" })).toEqual({ name: "app_port", created: false });
    const secret = inputs.consulKey("app/db-password", { sensitive: true });
    expect(secret).toEqual({ name: "app_db_password", created: true });
    expect(inputs.isSecret("app_db_password")).toBe(true);
    expect(inputs.isSecret("app_port")).toBe(false);
    expect(inputs.variables()).toEqual([
      { name: "app_port", description: expect.stringContaining('Consul KV key "app/port"'), type: "string", default: "8080" },
      { name: "app_db_password", description: expect.stringContaining('Consul KV key "app/db-password"'), type: "string", sensitive: true },
    ]);
  });
});

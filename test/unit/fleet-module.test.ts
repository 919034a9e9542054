import { parse } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { fleetModule } from "../../src/render/fleet-module.js";

describe("the fleet's root module", () => {
  it("names each module call with a Terraform identifier, also for a folder that starts with a digit", async () => {
    const files = fleetModule([
      { job: "2fauth", file: "a.nomad.hcl", module: "2fauth", blocking: [], requiredInputs: [{ name: "app_key", type: "string", description: "key", sensitive: true }] },
      { job: "web", file: "b.nomad.hcl", module: "nginx-sites", blocking: [] },
    ]);
    const main = files["fleet/main.tf"];
    expect(main).toContain('module "_2fauth" {');
    expect(main).toContain('source = "../2fauth"');
    expect(main).toContain('module "nginx-sites" {');
    expect(files["fleet/variables.tf"]).toContain('variable "_2fauth_app_key"');
    await expect(parse("main.tf", main)).resolves.toBeTypeOf("object");
  });

  it("goes to _fleet/ when a job's module is itself called fleet, calling that module too", () => {
    const files = fleetModule([
      { job: "fleet", file: "a.nomad.hcl", module: "fleet", blocking: [] },
      { job: "web", file: "b.nomad.hcl", module: "web", blocking: [] },
    ]);
    expect(Object.keys(files).sort()).toEqual(["_fleet/main.tf", "_fleet/variables.tf", "_fleet/versions.tf"]);
    expect(files["_fleet/main.tf"]).toContain('module "fleet" {');
    expect(files["_fleet/main.tf"]).toContain('source = "../fleet"');
  });
});

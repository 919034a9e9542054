import { describe, expect, it } from "vitest";
import { kubernetesSchedule } from "../../src/plan/workload/cron-schedule.js";

// hashicorp/cronexpr, which Nomad uses: 5 fields, 6 = + year at the end, 7 = seconds first + year.
describe("Nomad cron → Kubernetes schedule", () => {
  it.each([
    ["*/5 * * * *", "*/5 * * * *"],
    ["0 8 * * MON-FRI", "0 8 * * MON-FRI"],
    ["0 0 1,15 jan-jun ?", "0 0 1,15 jan-jun ?"],
    ["@daily", "@daily"],
    ["@Weekly", "@weekly"],
  ])("keeps %j", (cron, want) => {
    expect(kubernetesSchedule(cron)).toEqual({ schedule: want });
  });

  it("reads six fields as Nomad does: the last is the year, dropped when it is *", () => {
    const k = kubernetesSchedule("0 6 * * * *");
    expect(k).toMatchObject({ schedule: "0 6 * * *" });
    expect("lost" in k && k.lost).toBeFalsy();
    expect(kubernetesSchedule("*/15 * * * * *")).toMatchObject({ schedule: "*/15 * * * *" });
  });

  it("reads seven fields as seconds first and the year last", () => {
    expect(kubernetesSchedule("0 30 2 * * * *")).toMatchObject({ schedule: "30 2 * * *" });
    const late = kubernetesSchedule("45 30 2 * * * *");
    expect(late).toMatchObject({ schedule: "30 2 * * *" });
    expect("lost" in late && late.lost).toContain("second 45");
    expect(kubernetesSchedule("0 30 2 * * * ?")).toMatchObject({ schedule: "30 2 * * *" });
  });

  it.each([
    ["0 0 1 1 * 2030", /year field "2030"/],
    ["*/10 * * * * * *", /seconds field "\*\/10"/],
    // The interval is the reason, not the `?` year (which reads as every year).
    ["*/20 * * * * * ?", /seconds field "\*\/20".*more than once a minute/],
    ["0 0 L * *", /L, W or #/],
    ["0 0 * * 5#3", /L, W or #/],
    ["0 24 * * *", /outside 0-23/],
    ["* * *", /3 fields/],
    ["@every 5m", /not a cron macro/],
    ["0 0 * * 5-1", /backwards/],
  ])("refuses %j (never an invalid schedule)", (cron, why) => {
    const k = kubernetesSchedule(cron);
    expect("error" in k && k.error).toMatch(why);
  });
});

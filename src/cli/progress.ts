import type { CliIO } from "./io.js";

/** A spinner on an interactive stderr only; CI logs get the plain result lines instead. */
export async function startProgress(io: CliIO, enabled: boolean): Promise<{ update: (text: string) => void; stop: () => void }> {
  if (!enabled || !io.isTTY || io.env.CI) return { update: () => undefined, stop: () => undefined };
  const { default: ora } = await import("ora");
  const spinner = ora({ stream: process.stderr, color: io.env.NO_COLOR ? undefined : "cyan" }).start("nomad2k8s");
  return { update: (text) => (spinner.text = text), stop: () => spinner.stop() };
}

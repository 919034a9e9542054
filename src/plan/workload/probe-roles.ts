import type { Diagnostics } from "../../diagnostics.js";
import type { Check } from "../../nomad/model.js";
import type { Probe } from "../model.js";
import { checkProbe, livenessProbes, readinessProbe, type ResolveText } from "./probes.js";

export interface ContainerProbes {
  readiness?: Probe;
  liveness?: Probe;
  startup?: Probe;
}

/** A check that may probe a container: its service, resolved port and dotted path. */
export interface CheckCandidate {
  check: Check;
  service?: string;
  port: number | undefined;
  /** The required module input the port is, when the job never told the app its number. */
  portInput?: string;
  path: string;
}

const READY = /ready|readiness/i;
const LIVE = /\blive|alive|liveness/i;
const named = (c: CheckCandidate, re: RegExp) => re.test(c.check.name ?? "") || re.test(c.check.path ?? "");
/** A check's name says what it is for more surely than its path (`Healthiness Check` on `/ready`). */
const pick = <T extends CheckCandidate>(list: T[], re: RegExp) => list.find((c) => re.test(c.check.name ?? "")) ?? list.find((c) => re.test(c.check.path ?? ""));
const restarts = (c: CheckCandidate) => (c.check.restart?.limit ?? 0) > 0;

/**
 * A container has one readiness and one liveness probe, where a Nomad service may have several
 * checks: readiness comes from the check that gates traffic (named or routed `…ready`, else the
 * first that is not a liveness check), liveness only from a check with `check_restart` (the
 * `…live`/`…alive` one first). Both may come from one check; the other checks are reported.
 */
export function chooseProbes(candidates: CheckCandidate[], diags: Diagnostics, task: { name: string; path: string }, resolve: ResolveText): ContainerProbes {
  const usable = candidates.flatMap((c) => {
    const probe = checkProbe(c.check, c.port, diags, c.path, resolve);
    return probe ? [{ ...c, probe: probe.exec || !c.portInput ? probe : { ...probe, portInput: c.portInput } }] : [];
  });
  if (!usable.length) return {};
  const gate = pick(usable, READY) ?? usable.find((c) => !named(c, LIVE)) ?? usable[0];
  const restarting = usable.filter(restarts);
  const restart = pick(restarting, LIVE) ?? restarting.find((c) => c === gate) ?? restarting[0];
  const out: ContainerProbes = { readiness: { ...readinessProbe(gate.check, gate.probe), from: gate.path } };
  if (restart) {
    const { liveness, startup } = livenessProbes(restart.check, restart.probe);
    if (liveness) out.liveness = { ...liveness, from: restart.path };
    if (startup) out.startup = { ...startup, from: restart.path };
  }
  if (out.startup && restart) {
    diags.changed("N2K-CHECK-010", `check_restart grace = ${restart.check.restart?.grace}: a startup probe allows that long (plus limit = ${restart.check.restart?.limit} failures) before the liveness probe may restart "${task.name}"`, { path: restart.path });
  }
  const rest = usable.filter((c) => c !== gate && c !== restart);
  if (rest.length) {
    const label = (c: CheckCandidate) => `${c.check.type} check ${c.check.name ? `"${c.check.name}"` : ""}${c.service ? ` of service "${c.service}"` : ""}`.replace(/ {2,}/g, " ");
    const used = restart === gate ? `readiness and liveness from the ${label(gate)}` : `readiness from the ${label(gate)}${restart ? `, liveness from the ${label(restart)}` : ""}`;
    const restartsToo = rest.some(restarts) ? "; its check_restart does not restart the container" : "";
    diags.warn("N2K-CHECK-006", `task "${task.name}" has more checks than Kubernetes has probes (${used}); not carried over: ${rest.map(label).join(", ")}${restartsToo}`, {
      path: task.path,
      hint: "on Nomad a failing check of any of them took the instance out of the service; fold the others into the readiness endpoint if that matters",
    });
  }
  return out;
}

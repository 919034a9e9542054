import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { Group, NomadJob, QemuConfig, Task } from "../../nomad/model.js";
import type { HclVal } from "../hcl-value.js";
import type { PlanFacts, Variable, VirtualMachinePlan } from "../model.js";
import { planGroupService, type GroupService } from "../network/group-service.js";
import { portName, uniqueName } from "../names.js";
import type { Route } from "../network/route-model.js";
import { mapConstraints } from "../workload/placement.js";
import { cpuText, memText, NOMAD_DEFAULTS } from "../workload/resources.js";
import { vmTask } from "../../infer/infer-pattern.js";
import type { GroupWorkloads } from "../workload/workload.js";
import { planDisk } from "./vm-disk.js";
import { reportQemuSettings } from "./qemu-settings.js";
import { vmProbes } from "./vm-probes.js";

/** A VM that serves (a service job) is a VirtualMachine; a VM run once or on every node keeps the skip. */
export function runsAsVirtualMachine(t: Task, job: NomadJob): boolean {
  return t.driver === "qemu" && job.type === "service";
}

export interface VirtualMachineInput {
  job: NomadJob;
  group: Group;
  config: SiteConfig;
  diags: Diagnostics;
  name: HclVal;
  tf: string;
  variables: Variable[];
  facts: PlanFacts;
  /** The site config's image for the group: a containerDisk. */
  image?: string;
  routes: Route[];
}

/**
 * A group whose main task is a qemu VM → a KubeVirt VirtualMachine (kubectl_manifest) and a
 * Service that selects its virt-launcher pod by the `kubevirt.io/domain` label.
 */
export function planVirtualMachineGroup(input: VirtualMachineInput): GroupWorkloads {
  const { job, group, diags } = input;
  const task = vmTask(group)!;
  const qemu: QemuConfig = task.vm ?? { portMap: {} };
  dropOtherTasks(group, task, input.facts, diags);
  const disk = planDisk(task, input.image, input.variables, diags);
  const cores = task.resources.cores ?? smpCores(qemu.args) ?? 1;
  const memoryMb = task.resources.memory ?? NOMAD_DEFAULTS.memory;
  const ports = guestPorts(group, qemu);
  const placement = mapConstraints([...job.constraints, ...group.constraints, ...task.constraints], diags);
  const probes = vmProbes(task, [...group.services, ...task.services], ports, diags);
  reportQemuSettings(task, probes.leftOut, qemu, diags);
  if (group.count > 1) {
    diags.warn("N2K-VM-008", `count = ${group.count}: the module runs one VirtualMachine, Nomad ran ${group.count} VMs`, {
      path: `${group.path}.count`,
      hint: "for several identical VMs use a KubeVirt VirtualMachinePool (pool.kubevirt.io) in an override file, each with its own disk",
    });
  }
  const vm: VirtualMachinePlan = {
    tfName: input.tf,
    name: input.name,
    group: group.name,
    task: task.name,
    cores,
    memory: memText(memoryMb),
    cpu: cpuText(task.resources.cores ? task.resources.cores * 1000 : task.resources.cpu ?? NOMAD_DEFAULTS.cpu),
    disk,
    ports: [...new Set(ports.values())].sort((a, b) => a - b).map((port) => ({ port })),
    graphics: !!qemu.graphics,
    nodeSelector: Object.keys(placement.nodeSelector).length ? placement.nodeSelector : undefined,
    archValues: placement.archValues,
    archOperator: placement.archOperator,
    terminationGracePeriodSeconds: task.killTimeoutSeconds,
    readinessProbe: probes.readiness,
    livenessProbe: probes.liveness,
    comments: [],
  };
  const from = disk.dataVolume ? `a disk CDI imports from ${disk.dataVolume.url}` : "a containerDisk";
  diags.warn("N2K-DRIVER-007", `qemu task "${task.name}" becomes a KubeVirt VirtualMachine: ${cores} core${cores > 1 ? "s" : ""}, ${vm.memory} memory, ${from}${vm.ports.length ? `, guest port${vm.ports.length > 1 ? "s" : ""} ${vm.ports.map((p) => p.port).join(", ")} behind a Service` : ""}`, {
    path: `${task.path}.driver`,
    hint: "KubeVirt runs the VM in a virt-launcher pod (pod network, masquerade): install KubeVirt first; reach the console with virtctl console / virtctl vnc",
  });
  const service = planGroupService(job, group, [task], task, ports, input.routes, diags);
  serveEveryGuestPort(service, ports, group);
  return { workloads: [], service, configMaps: [], virtualMachines: [vm], serviceSelector: { "kubevirt.io/domain": input.name } };
}

/** Guest ports: `port_map` (or the port's `to`) of each group port; an unmapped port was never forwarded into the VM. */
function guestPorts(group: Group, qemu: QemuConfig): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of group.ports) {
    const guest = qemu.portMap[p.label] ?? p.to;
    if (guest !== undefined && guest > 0) out.set(p.label, guest);
  }
  return out;
}

/**
 * qemu forwarded every mapped port, registered as a service or not: each gets a Service port
 * (the static host port clients dialled, else the guest port), every port then named.
 */
function serveEveryGuestPort(service: GroupService, ports: Map<string, number>, group: Group): void {
  const labelOf = (guest: number) => [...ports].find(([, g]) => g === guest)?.[0] ?? String(guest);
  const numbers = new Set(service.ports.map((p) => p.port));
  for (const [label, guest] of ports) {
    if (service.ports.some((p) => Number(p.targetPort) === guest)) continue;
    const port = group.ports.find((p) => p.label === label)?.static || guest;
    if (numbers.has(port)) continue;
    numbers.add(port);
    service.ports.push({ port, targetPort: guest });
  }
  if (service.ports.length < 2) return;
  const taken = new Set(service.ports.flatMap((p) => (p.name ? [p.name] : [])));
  for (const p of service.ports) if (!p.name) taken.add((p.name = uniqueName(portName(labelOf(Number(p.targetPort))), taken)));
}

/** `-smp 4` or `-smp cores=2,…` in qemu's args: the vCPUs the VM had. */
function smpCores(args: string[] | undefined): number | undefined {
  const i = (args ?? []).findIndex((a) => a === "-smp");
  const v = i >= 0 ? args![i + 1] ?? "" : (args ?? []).find((a) => a.startsWith("-smp="))?.slice(5) ?? "";
  const n = /^(\d+)/.exec(v)?.[1] ?? /(?:^|,)(?:cpus|cores)=(\d+)/.exec(v)?.[1];
  return n ? Number(n) : undefined;
}

/** Tasks beside the VM (a docker helper) are not carried: the VM's pod is KubeVirt's own. */
function dropOtherTasks(group: Group, task: Task, facts: PlanFacts, diags: Diagnostics): void {
  for (const t of group.tasks.filter((x) => x !== task)) {
    const reason = "runs beside a qemu VM, whose pod KubeVirt makes (no containers of ours in it)";
    facts.droppedTasks.push({ task: t.name, reason });
    diags.warn("N2K-VM-005", `task "${t.name}" ${reason}; not carried over`, { path: t.path, hint: "run it as a Deployment of its own, or inside the guest" });
  }
}

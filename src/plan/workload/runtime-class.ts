import type { SiteConfig } from "../../config/site-config.js";
import type { Diagnostics } from "../../diagnostics.js";
import type { Task } from "../../nomad/model.js";

/**
 * docker `runtime` picked the OCI runtime of a container; Kubernetes picks it per pod with a
 * RuntimeClass. `nvidia` is the site's GPU RuntimeClass; another runtime keeps its name and
 * needs a RuntimeClass of that name (a manual step). Tasks that disagree: the main task decides.
 */
export function podRuntimeClass(tasks: Task[], mainTask: Task | undefined, config: SiteConfig, diags: Diagnostics): string | undefined {
  const withRuntime = tasks.filter((t) => t.config.runtime);
  const decider = mainTask?.config.runtime ? mainTask : withRuntime[0];
  if (!decider) return undefined;
  const runtime = decider.config.runtime!;
  const path = `${decider.path}.config.runtime`;
  for (const t of withRuntime.filter((x) => x.config.runtime !== runtime)) {
    diags.warn("N2K-CFG-019", `task "${t.name}" ran with runtime "${t.config.runtime}", but a pod has one RuntimeClass: it follows task "${decider.name}" ("${runtime}")`, { path: `${t.path}.config.runtime` });
  }
  if (runtime === "nvidia") return config.gpu.runtimeClass || undefined;
  if (runtime === "runc") return undefined;
  diags.manual("N2K-CFG-019", `runtime = "${runtime}" becomes runtime_class_name = "${runtime}": the pod is rejected until a RuntimeClass of that name exists`, { path, hint: `create a RuntimeClass "${runtime}" whose handler is the containerd runtime configured on the nodes` });
  return runtime;
}

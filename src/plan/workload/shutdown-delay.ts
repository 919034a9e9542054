import type { Diagnostics } from "../../diagnostics.js";
import type { Group, Task } from "../../nomad/model.js";
import type { Container } from "../model.js";

// Images known to have no shell or sleep binary: an exec hook there fails at once.
const NO_SLEEP = /(?:^|\/)(?:distroless|scratch)(?:[/:]|$)|\bdistroless\b|^cgr\.dev\/chainguard\/(?!busybox|wolfi-base)/;
// Official images built on a distribution (a shell and `sleep` are there).
const HAS_SLEEP = /^(?:docker\.io\/)?(?:library\/)?(?:alpine|busybox|debian|ubuntu|centos|fedora|rockylinux|almalinux|amazonlinux|nginx|httpd|redis|postgres|mysql|mariadb|mongo|node|python|ruby|php|golang|openjdk|eclipse-temurin|haproxy|rabbitmq|influxdb|memcached|pihole\/pihole|grafana\/grafana)(?::|@|$)/;

/**
 * `shutdown_delay`: Nomad deregistered the services, waited, then sent the kill signal. A
 * preStop `sleep N` hook keeps the container up while the endpoints drop it; the grace period
 * grows by the delay so the app still gets its stop time after the hook.
 */
export function planShutdownDelay(group: Group, tasks: Task[], mainTask: Task | undefined, containers: Container[], grace: number | undefined, diags: Diagnostics): number | undefined {
  let longest = 0;
  for (const t of tasks) {
    const own = t.shutdownDelaySeconds;
    const delay = own ?? (t === mainTask ? group.shutdownDelaySeconds : undefined);
    const c = containers.find((x) => x.task === t.name);
    if (!delay || !c) continue;
    const image = t.config.image ?? (typeof c.image === "string" ? c.image : "");
    const path = own !== undefined ? `${t.path}.shutdown_delay` : `${group.path}.shutdown_delay`;
    if (NO_SLEEP.test(image)) {
      diags.warn("N2K-TASK-005", `shutdown_delay = ${delay}s on task "${t.name}" is not carried over: its image ${image} has no shell or sleep for a preStop hook, so the pod stops as soon as it leaves the endpoints`, { path, hint: "give the app a drain period of its own, or a preStop hook that calls an endpoint of the app" });
      continue;
    }
    c.preStop = ["sleep", String(delay)];
    longest = Math.max(longest, delay);
    const message = `shutdown_delay = ${delay}s on task "${t.name}": a preStop hook runs sleep ${delay} in the container before it gets SIGTERM, as Nomad waited after deregistering the service, and the grace period grows by ${delay}s`;
    if (HAS_SLEEP.test(image)) diags.info("N2K-TASK-016", `${message}; the image has sleep`, { path });
    else diags.warn("N2K-TASK-005", `${message}; whether image ${image} has a sleep binary is not known: without one the hook fails and the container stops at once`, { path, hint: "check the image has sleep (docker run --entrypoint sleep <image> 1)" });
  }
  return longest ? (grace ?? 30) + longest : grace;
}

import type { Reader } from "./reader.js";
import type { Check, Constraint, Service } from "./model.js";
import { int, str, strList } from "./fields.js";

export function readServices(parent: Reader): Service[] {
  return parent.blocks("service").map((r) => {
    const s: Service = {
      name: r.get("name", str),
      port: r.get("port", z_portish()),
      tags: r.get("tags", strList) ?? [],
      checks: r.blocks("check").map(readCheck),
      path: r.path,
    };
    r.ignore("provider", "Kubernetes Services replace the Consul/Nomad service catalog");
    r.ignore("connect", "Consul Connect plumbing (sidecar_service, sidecar_task, envoy ports) is replaced by the cluster's CNI/mesh");
    r.ignore("address_mode", "Kubernetes Services always address pod IPs");
    r.ignore("meta", "service metadata has no Kubernetes Service equivalent; labels carry identity");
    r.ignore("canary_tags", "Kubernetes has no canary tags");
    r.ignore("canary_meta", "Kubernetes has no canary metadata");
    r.ignore("tagged_addresses", "Consul tagged addresses do not apply");
    r.ignore("enable_tag_override", "Consul-only setting");
    r.ignore("task", "the service is attached to the workload's pods");
    r.ignore("on_update", "Kubernetes probes do not gate updates this way");
    r.finish();
    return s;
  });
}

// Nomad accepts a port label or a number for service/check ports.
function z_portish() {
  return str.or(int.transform(String));
}

function readCheck(r: Reader): Check {
  const c: Check = {
    type: r.get("type", str) ?? "http",
    path: r.get("path", str),
    interval: r.get("interval", str),
    timeout: r.get("timeout", str),
    port: r.get("port", z_portish()),
    command: r.get("command", str),
    args: r.get("args", strList),
    grpcService: r.get("grpc_service", str),
  };
  r.ignore("name", "probe names are not used by Kubernetes");
  r.ignore("check_restart", "restart-on-failure is the liveness probe's own behaviour");
  r.ignore("initial_status", "Kubernetes probes start unknown and gate readiness");
  r.ignore("on_update", "Kubernetes probes do not gate updates this way");
  r.ignore("address_mode", "probes always target the pod");
  r.ignore("expose", "Consul Connect expose paths are not needed without the mesh");
  r.ignore("success_before_passing", "mapped to the probe defaults");
  r.ignore("failures_before_critical", "mapped to the probe defaults");
  r.report("method", "N2K-CHECK-001", "HTTP method for checks is not configurable in Kubernetes probes (always GET)");
  r.report("header", "N2K-CHECK-002", "check headers are not carried over", "add http_header blocks to the probe by hand");
  r.report("protocol", "N2K-CHECK-003", "check protocol not carried over (probes use HTTP)", "set scheme = \"HTTPS\" on the probe if needed");
  r.report("tls_skip_verify", "N2K-CHECK-003", "TLS verification settings do not apply to probes");
  r.finish();
  return c;
}

export function readConstraints(parent: Reader): Constraint[] {
  return parent.blocks("constraint").map((r) => {
    const c: Constraint = { attribute: r.get("attribute", str), operator: r.get("operator", str), value: r.get("value", str.or(int.transform(String))), path: r.path };
    r.finish();
    return c;
  });
}

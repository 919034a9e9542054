import { expr, fn, withSuffix, type HclVal } from "../plan/hcl-value.js";
import { quote } from "./hcl.js";
import type { CertificatePlan, ExternalSecretPlan, IngressRoutePlan, MiddlewarePlan, ModulePlan, Probe, VirtualMachinePlan } from "../plan/model.js";

/** The contract's ExternalSecret as a `yamlencode(...)` value. */
export function externalSecretManifest(es: ExternalSecretPlan): HclVal {
  const target: Record<string, HclVal> = { name: es.targetName };
  if (es.template) target.template = { engineVersion: "v2", data: es.template };
  return fn("yamlencode", {
    apiVersion: "external-secrets.io/v1",
    kind: "ExternalSecret",
    metadata: { name: es.name, namespace: expr("var.namespace") },
    spec: {
      refreshInterval: es.refreshInterval,
      secretStoreRef: { name: es.storeName, kind: es.storeKind },
      target,
      ...(es.data.length || !es.extract?.length
        ? {
            data: es.keysVariable
              ? expr(`[\nfor key in var.secret_keys : {\nsecretKey = key\nremoteRef = {\nkey = ${quote(es.keysVariable.remoteKey)}\nproperty = key\n}\n}\n]`)
              : es.data.map((d) => ({ secretKey: d.secretKey, remoteRef: { key: d.remoteKey, property: d.property } })),
          }
        : {}),
      ...(es.extract?.length ? { dataFrom: es.extract.map((key) => ({ extract: { key } })) } : {}),
    },
  });
}

/** A cert-manager.io/v1 Certificate as a `yamlencode(...)` value. */
export function certificateManifest(c: CertificatePlan): HclVal {
  const spec: Record<string, HclVal> = { secretName: c.secretName };
  if (c.commonName) spec.commonName = c.commonName;
  if (c.dnsNames.length) spec.dnsNames = c.dnsNames;
  if (c.ipAddresses.length) spec.ipAddresses = c.ipAddresses;
  if (c.uris.length) spec.uris = c.uris;
  if (c.duration) spec.duration = c.duration;
  spec.issuerRef = { name: c.issuerName, kind: c.issuerKind, group: "cert-manager.io" };
  if (c.combinedPem) spec.additionalOutputFormats = [{ type: "CombinedPEM" }];
  return fn("yamlencode", {
    apiVersion: "cert-manager.io/v1",
    kind: "Certificate",
    metadata: { name: c.name, namespace: expr("var.namespace") },
    spec,
  });
}

export function vpaManifest(t: NonNullable<ModulePlan["vpa"]>["targets"][number], updateMode: string): HclVal {
  return fn("yamlencode", {
    apiVersion: "autoscaling.k8s.io/v1",
    kind: "VerticalPodAutoscaler",
    metadata: { name: t.name, namespace: expr("var.namespace") },
    spec: {
      targetRef: { apiVersion: "apps/v1", kind: t.kind, name: t.name },
      updatePolicy: { updateMode },
    },
  });
}

/** A Traefik Middleware (traefik.io/v1alpha1, Traefik 2.10 and 3.x) as a `yamlencode(...)` value. */
export function middlewareManifest(m: MiddlewarePlan): HclVal {
  return fn("yamlencode", {
    apiVersion: "traefik.io/v1alpha1",
    kind: "Middleware",
    metadata: { name: m.name, namespace: expr("var.namespace") },
    spec: m.spec,
  });
}

/** A Traefik IngressRoute (traefik.io/v1alpha1) as a `yamlencode(...)` value; `serviceType` names the Service resource type. */
export function ingressRouteManifest(r: IngressRoutePlan, serviceType: string): HclVal {
  return fn("yamlencode", {
    apiVersion: "traefik.io/v1alpha1",
    kind: "IngressRoute",
    metadata: { name: r.name, namespace: expr("var.namespace") },
    spec: {
      ...(r.entryPoints.length ? { entryPoints: r.entryPoints } : {}),
      routes: r.routes.map((x) => ({
        kind: "Rule",
        match: x.match,
        ...(x.priority !== undefined ? { priority: x.priority } : {}),
        ...(x.syntax ? { syntax: x.syntax } : {}),
        services: [{ name: expr(`${serviceType}.${x.serviceTfName}.metadata[0].name`), port: x.port }],
        ...(x.middlewares.length ? { middlewares: x.middlewares.map((name) => ({ name })) } : {}),
      })),
      ...(r.tlsSecret ? { tls: { secretName: r.tlsSecret } } : {}),
    },
  });
}

/** A KubeVirt VirtualMachine (kubevirt.io/v1) as a `yamlencode(...)` value: its boot disk, CPU, memory and ports. */
export function virtualMachineManifest(vm: VirtualMachinePlan): HclVal {
  const diskName = withSuffix(vm.name, "-disk");
  const volume: Record<string, HclVal> = vm.disk.dataVolume ? { name: "disk0", dataVolume: { name: diskName } } : { name: "disk0", containerDisk: { image: vm.disk.containerDisk! } };
  const spec: Record<string, HclVal> = {
    domain: {
      cpu: { cores: vm.cores },
      resources: { requests: { cpu: vm.cpu, memory: vm.memory } },
      devices: {
        disks: [{ name: "disk0", disk: { bus: vm.disk.bus } }],
        // Like qemu's user networking: the pod's address, only the listed guest ports forwarded.
        interfaces: [{ name: "default", masquerade: {}, ...(vm.ports.length ? { ports: vm.ports.map((p) => ({ port: p.port })) } : {}) }],
        ...(vm.graphics ? {} : { autoattachGraphicsDevice: false }),
      },
    },
    networks: [{ name: "default", pod: {} }],
    volumes: [volume],
    ...(vm.nodeSelector ? { nodeSelector: vm.nodeSelector } : {}),
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/arch", operator: vm.archOperator, values: vm.archValues }] }] } } },
    ...(vm.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: vm.terminationGracePeriodSeconds } : {}),
    ...(vm.readinessProbe ? { readinessProbe: vmiProbe(vm.readinessProbe) } : {}),
    ...(vm.livenessProbe ? { livenessProbe: vmiProbe(vm.livenessProbe) } : {}),
  };
  return fn("yamlencode", {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name: vm.name, namespace: expr("var.namespace"), labels: expr("local.labels") },
    spec: {
      runStrategy: "Always",
      ...(vm.disk.dataVolume
        ? { dataVolumeTemplates: [{ metadata: { name: diskName }, spec: { source: { http: { url: vm.disk.dataVolume.url } }, storage: { resources: { requests: { storage: vm.disk.dataVolume.size } } } } }] }
        : {}),
      template: { metadata: { labels: fn("merge", expr("local.labels"), { "kubevirt.io/domain": vm.name }) }, spec },
    },
  });
}

/** A probe in the VMI spec: the handler and timings as in a pod (the report's `from` left out). */
function vmiProbe(p: Probe): HclVal {
  const { from: _from, portInput: _input, exec: _exec, grpc: _grpc, ...probe } = p;
  const defined = (o: object): HclVal => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v && typeof v === "object" && !Array.isArray(v) ? defined(v) : v])) as HclVal;
  return defined(probe);
}

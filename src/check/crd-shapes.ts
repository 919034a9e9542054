// The shapes of the custom resources nomad2k8s writes through `kubectl_manifest`: each CRD's
// `openAPIV3Schema` reduced to what a manifest can be checked against without a cluster —
// field names, types, enums and required fields of `spec`. Status and fields the API server
// fills in are left out. Written by hand after these CRDs, not generated: where this file and
// the CRD disagree, the CRD is right and this file is fixed. Sources (CRD YAML in each
// project's repository):
// - ExternalSecret: external-secrets `config/crds/bases/external-secrets.io_externalsecrets.yaml`
//   (v0.16+, served as external-secrets.io/v1; v1beta1 has the same spec for these fields).
// - VerticalPodAutoscaler: kubernetes/autoscaler `vertical-pod-autoscaler/deploy/vpa-v1-crd-gen.yaml`
//   (autoscaling.k8s.io/v1, VPA 1.x).
// - Certificate: cert-manager `deploy/crds/crd-certificates.yaml` (cert-manager.io/v1, 1.15+).
// - Middleware: its spec in plan/network/traefik-middleware-spec.ts (the plan reads tag options from it),
//   after traefik `traefik.io_middlewares.yaml` (traefik.io/v1alpha1, Traefik 3.x),
//   and IngressRoute from `traefik.io_ingressroutes.yaml` of the same folder.
// - VirtualMachine: kubevirt `api/openapi-spec/swagger.json` (kubevirt.io/v1, KubeVirt 1.x:
//   v1.VirtualMachineSpec, v1.VirtualMachineInstanceSpec), its dataVolumeTemplates from CDI's
//   v1beta1 DataVolumeSpec (http, registry, pvc, blank, upload sources; storage and pvc).
// When a template starts writing a field that is missing here, add it from the same file.

import { bool, int, obj, oneOf, str, stringMap, strings, type Shape } from "../crd-shape.js";
import { MIDDLEWARE_SPEC } from "../plan/network/traefik-middleware-spec.js";

export type { Shape } from "../crd-shape.js";

const metadata = obj({ name: str, namespace: str, labels: stringMap, annotations: stringMap }, ["name"]);

const secretStoreRef = obj({ name: str, kind: oneOf("SecretStore", "ClusterSecretStore") });
const generatorRef = obj({ apiVersion: str, kind: str, name: str }, ["kind", "name"]);
const sourceRef = obj({ storeRef: secretStoreRef, generatorRef });
const remoteRef = obj(
  {
    key: str,
    property: str,
    version: str,
    metadataPolicy: oneOf("None", "Fetch"),
    decodingStrategy: oneOf("Auto", "Base64", "Base64URL", "None"),
    conversionStrategy: oneOf("Default", "Unicode"),
  },
  ["key"],
);
const templateFrom = obj({
  configMap: obj({ name: str, items: { type: "array", items: obj({ key: str, templateAs: oneOf("Values", "KeysAndValues") }, ["key"]) } }, ["name", "items"]),
  secret: obj({ name: str, items: { type: "array", items: obj({ key: str, templateAs: oneOf("Values", "KeysAndValues") }, ["key"]) } }, ["name", "items"]),
  literal: str,
  target: oneOf("Data", "Annotations", "Labels"),
});
const find = obj({
  path: str,
  name: obj({ regexp: str }),
  tags: stringMap,
  conversionStrategy: oneOf("Default", "Unicode"),
  decodingStrategy: oneOf("Auto", "Base64", "Base64URL", "None"),
});

const externalSecret: Shape = obj(
  {
    apiVersion: str,
    kind: str,
    metadata,
    spec: obj({
      refreshInterval: str,
      refreshPolicy: oneOf("CreatedOnce", "Periodic", "OnChange"),
      secretStoreRef,
      target: obj({
        name: str,
        creationPolicy: oneOf("Owner", "Orphan", "Merge", "None"),
        deletionPolicy: oneOf("Delete", "Merge", "Retain"),
        immutable: bool,
        template: obj({
          type: str,
          engineVersion: oneOf("v1", "v2"),
          mergePolicy: oneOf("Replace", "Merge"),
          metadata: obj({ annotations: stringMap, labels: stringMap, finalizers: strings }),
          data: stringMap,
          templateFrom: { type: "array", items: templateFrom },
        }),
      }),
      data: { type: "array", items: obj({ secretKey: str, remoteRef, sourceRef }, ["secretKey", "remoteRef"]) },
      dataFrom: {
        type: "array",
        items: obj({
          extract: remoteRef,
          find,
          rewrite: { type: "array", items: obj({ regexp: obj({ source: str, target: str }, ["source", "target"]), transform: obj({ template: str }, ["template"]) }) },
          sourceRef,
        }),
      },
    }),
  },
  ["apiVersion", "kind", "metadata", "spec"],
);

const resourceList: Shape = { type: "object", values: { type: "int-or-string" } };
const verticalPodAutoscaler: Shape = obj(
  {
    apiVersion: str,
    kind: str,
    metadata,
    spec: obj(
      {
        targetRef: obj({ apiVersion: str, kind: str, name: str }, ["kind", "name"]),
        updatePolicy: obj({
          updateMode: oneOf("Off", "Initial", "Recreate", "Auto", "InPlaceOrRecreate"),
          minReplicas: int,
          evictionRequirements: { type: "array", items: obj({ resources: strings, changeRequirement: oneOf("TargetHigherThanRequests", "TargetLowerThanRequests") }, ["resources", "changeRequirement"]) },
        }),
        resourcePolicy: obj({
          containerPolicies: {
            type: "array",
            items: obj({
              containerName: str,
              mode: oneOf("Auto", "Off"),
              minAllowed: resourceList,
              maxAllowed: resourceList,
              controlledResources: { type: "array", items: oneOf("cpu", "memory") },
              controlledValues: oneOf("RequestsAndLimits", "RequestsOnly"),
            }),
          },
        }),
        recommenders: { type: "array", items: obj({ name: str }, ["name"]) },
      },
      ["targetRef"],
    ),
  },
  ["apiVersion", "kind", "metadata", "spec"],
);

const KEY_USAGES = [
  "signing", "digital signature", "content commitment", "key encipherment", "key agreement", "data encipherment", "cert sign", "crl sign",
  "encipher only", "decipher only", "any", "server auth", "client auth", "code signing", "email protection", "s/mime", "ipsec end system",
  "ipsec tunnel", "ipsec user", "timestamping", "ocsp signing", "microsoft sgc", "netscape sgc",
];
const secretKeySelector = obj({ name: str, key: str }, ["name"]);
const certificate: Shape = obj(
  {
    apiVersion: str,
    kind: str,
    metadata,
    spec: obj(
      {
        secretName: str,
        secretTemplate: obj({ annotations: stringMap, labels: stringMap }),
        issuerRef: obj({ name: str, kind: str, group: str }, ["name"]),
        commonName: str,
        literalSubject: str,
        dnsNames: strings,
        ipAddresses: strings,
        uris: strings,
        emailAddresses: strings,
        otherNames: { type: "array", items: obj({ oid: str, utf8Value: str }) },
        duration: str,
        renewBefore: str,
        renewBeforePercentage: int,
        usages: { type: "array", items: oneOf(...KEY_USAGES) },
        isCA: bool,
        encodeUsagesInRequest: bool,
        revisionHistoryLimit: int,
        privateKey: obj({ rotationPolicy: oneOf("Never", "Always"), encoding: oneOf("PKCS1", "PKCS8"), algorithm: oneOf("RSA", "ECDSA", "Ed25519"), size: int }),
        subject: obj({
          organizations: strings,
          countries: strings,
          organizationalUnits: strings,
          localities: strings,
          provinces: strings,
          streetAddresses: strings,
          postalCodes: strings,
          serialNumber: str,
        }),
        keystores: obj({
          jks: obj({ create: bool, alias: str, passwordSecretRef: secretKeySelector, password: str }, ["create"]),
          pkcs12: obj({ create: bool, profile: oneOf("LegacyRC2", "LegacyDES", "Modern2023"), passwordSecretRef: secretKeySelector, password: str }, ["create"]),
        }),
        additionalOutputFormats: { type: "array", items: obj({ type: oneOf("DER", "CombinedPEM") }, ["type"]) },
        nameConstraints: obj({
          critical: bool,
          permitted: obj({ dnsDomains: strings, ipRanges: strings, emailAddresses: strings, uriDomains: strings }),
          excluded: obj({ dnsDomains: strings, ipRanges: strings, emailAddresses: strings, uriDomains: strings }),
        }),
      },
      ["issuerRef", "secretName"],
    ),
  },
  ["apiVersion", "kind", "metadata", "spec"],
);

const middleware: Shape = obj({ apiVersion: str, kind: str, metadata, spec: obj(MIDDLEWARE_SPEC) }, ["apiVersion", "kind", "metadata", "spec"]);

const ingressRoute: Shape = obj(
  {
    apiVersion: str,
    kind: str,
    metadata,
    spec: obj(
      {
        entryPoints: strings,
        routes: {
          type: "array",
          items: obj(
            {
              kind: oneOf("Rule"),
              match: str,
              priority: int,
              syntax: str,
              middlewares: { type: "array", items: obj({ name: str, namespace: str }, ["name"]) },
              services: {
                type: "array",
                items: obj(
                  { name: str, namespace: str, kind: oneOf("Service", "TraefikService"), port: { type: "int-or-string" }, scheme: str, weight: int, passHostHeader: bool, serversTransport: str, nativeLB: bool },
                  ["name"],
                ),
              },
            },
            ["match"],
          ),
        },
        tls: obj({ secretName: str, certResolver: str, domains: { type: "array", items: obj({ main: str, sans: strings }) }, options: obj({ name: str, namespace: str }, ["name"]) }),
      },
      ["routes"],
    ),
  },
  ["apiVersion", "kind", "metadata", "spec"],
);

const quantityMap: Shape = { type: "object", values: { type: "int-or-string" } };
const nodeSelectorTerm = obj({
  matchExpressions: { type: "array", items: obj({ key: str, operator: oneOf("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"), values: strings }, ["key", "operator"]) },
  matchFields: { type: "array", items: obj({ key: str, operator: oneOf("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"), values: strings }, ["key", "operator"]) },
});
const affinity = obj({ nodeAffinity: obj({ requiredDuringSchedulingIgnoredDuringExecution: obj({ nodeSelectorTerms: { type: "array", items: nodeSelectorTerm } }, ["nodeSelectorTerms"]) }) });
const diskTarget = obj({ bus: oneOf("virtio", "sata", "scsi", "usb"), readonly: bool });
const vmiProbe = obj({
  httpGet: obj({ path: str, port: { type: "int-or-string" }, host: str, scheme: oneOf("HTTP", "HTTPS"), httpHeaders: { type: "array", items: obj({ name: str, value: str }, ["name", "value"]) } }, ["port"]),
  tcpSocket: obj({ port: { type: "int-or-string" }, host: str }, ["port"]),
  guestAgentPing: obj({}),
  initialDelaySeconds: int,
  periodSeconds: int,
  timeoutSeconds: int,
  successThreshold: int,
  failureThreshold: int,
});
const vmiSpec = obj(
  {
    domain: obj(
      {
        cpu: obj({ cores: int, sockets: int, threads: int, model: str, dedicatedCpuPlacement: bool }),
        memory: obj({ guest: { type: "int-or-string" } }),
        resources: obj({ requests: quantityMap, limits: quantityMap, overcommitGuestOverhead: bool }),
        machine: obj({ type: str }),
        firmware: obj({ bootloader: obj({ bios: obj({ useSerial: bool }), efi: obj({ secureBoot: bool, persistent: bool }) }), serial: str, uuid: str }),
        devices: obj(
          {
            disks: { type: "array", items: obj({ name: str, disk: diskTarget, cdrom: diskTarget, lun: diskTarget, bootOrder: int, serial: str }, ["name"]) },
            interfaces: {
              type: "array",
              items: obj(
                { name: str, masquerade: obj({}), bridge: obj({}), sriov: obj({}), model: str, macAddress: str, bootOrder: int, ports: { type: "array", items: obj({ name: str, port: int, protocol: oneOf("TCP", "UDP") }, ["port"]) } },
                ["name"],
              ),
            },
            autoattachGraphicsDevice: bool,
            autoattachSerialConsole: bool,
            autoattachPodInterface: bool,
            rng: obj({}),
          },
        ),
      },
      ["devices"],
    ),
    networks: { type: "array", items: obj({ name: str, pod: obj({ vmNetworkCIDR: str, vmIPv6NetworkCIDR: str }), multus: obj({ networkName: str, default: bool }, ["networkName"]) }, ["name"]) },
    volumes: {
      type: "array",
      items: obj(
        {
          name: str,
          containerDisk: obj({ image: str, imagePullPolicy: oneOf("Always", "IfNotPresent", "Never"), imagePullSecret: str, path: str }, ["image"]),
          dataVolume: obj({ name: str, hotpluggable: bool }, ["name"]),
          persistentVolumeClaim: obj({ claimName: str, readOnly: bool }, ["claimName"]),
          ephemeral: obj({ persistentVolumeClaim: obj({ claimName: str, readOnly: bool }, ["claimName"]) }),
          cloudInitNoCloud: obj({ userData: str, userDataBase64: str, networkData: str, networkDataBase64: str, secretRef: obj({ name: str }) }),
          configMap: obj({ name: str, optional: bool, volumeLabel: str }),
          secret: obj({ secretName: str, optional: bool, volumeLabel: str }),
          emptyDisk: obj({ capacity: { type: "int-or-string" } }, ["capacity"]),
        },
        ["name"],
      ),
    },
    nodeSelector: stringMap,
    affinity,
    tolerations: { type: "array", items: obj({ key: str, operator: oneOf("Exists", "Equal"), value: str, effect: str, tolerationSeconds: int }) },
    terminationGracePeriodSeconds: int,
    readinessProbe: vmiProbe,
    livenessProbe: vmiProbe,
    evictionStrategy: oneOf("None", "LiveMigrate", "LiveMigrateIfPossible", "External"),
    hostname: str,
    subdomain: str,
  },
  ["domain"],
);
const dataVolumeSpec = obj({
  source: obj({
    http: obj({ url: str, secretRef: str, certConfigMap: str, extraHeaders: strings, secretExtraHeaders: strings }, ["url"]),
    registry: obj({ url: str, pullMethod: oneOf("pod", "node"), secretRef: str, certConfigMap: str }),
    pvc: obj({ name: str, namespace: str }, ["name", "namespace"]),
    blank: obj({}),
    upload: obj({}),
  }),
  storage: obj({ accessModes: strings, resources: obj({ requests: quantityMap, limits: quantityMap }), storageClassName: str, volumeMode: oneOf("Block", "Filesystem") }),
  pvc: obj({ accessModes: strings, resources: obj({ requests: quantityMap, limits: quantityMap }), storageClassName: str, volumeMode: oneOf("Block", "Filesystem") }),
});
const virtualMachine: Shape = obj(
  {
    apiVersion: str,
    kind: str,
    metadata,
    spec: obj(
      {
        runStrategy: oneOf("Always", "RerunOnFailure", "Manual", "Halted", "Once", "WaitAsReceiver"),
        running: bool,
        dataVolumeTemplates: { type: "array", items: obj({ metadata: obj({ name: str, labels: stringMap, annotations: stringMap }), spec: dataVolumeSpec }, ["spec"]) },
        template: obj({ metadata: obj({ labels: stringMap, annotations: stringMap }), spec: vmiSpec }, ["spec"]),
      },
      ["template"],
    ),
  },
  ["apiVersion", "kind", "metadata", "spec"],
);

/** Shapes by `apiVersion` and `kind`, as a manifest names them. */
export const CRD_SHAPES: Record<string, Shape> = {
  "external-secrets.io/v1 ExternalSecret": externalSecret,
  "external-secrets.io/v1beta1 ExternalSecret": externalSecret,
  "autoscaling.k8s.io/v1 VerticalPodAutoscaler": verticalPodAutoscaler,
  "cert-manager.io/v1 Certificate": certificate,
  "traefik.io/v1alpha1 Middleware": middleware,
  "traefik.io/v1alpha1 IngressRoute": ingressRoute,
  "kubevirt.io/v1 VirtualMachine": virtualMachine,
};

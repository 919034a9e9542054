// Programs that exec/raw_exec jobs download or find on the node, and the image their upstream
// publishes. `entrypoint` is set where the image's own does not run the program with the job's
// arguments; otherwise the image's entrypoint runs it and the job's args follow.
export interface KnownBinary {
  name: string;
  image: string;
  /** The program inside the image. */
  binary: string;
  entrypoint?: string[];
  /** Tags are the release version with this prefix ("v1.2.3"). */
  tagPrefix?: string;
  /** What else the program needed from the node that a pod does not give by default. */
  note?: string;
  /** A node agent: what it read of the node under raw_exec, given to its DaemonSet pod. */
  nodeAgent?: NodeAgent;
}

export interface NodeAgent {
  /** Node paths mounted read-only, docker style (`/proc:/host/proc:ro`). */
  mounts: string[];
  /** Flags that point the program at those mounts; the job's own values for them are replaced. */
  flags?: Record<string, string>;
  hostPid?: boolean;
  privileged?: boolean;
  /** What the pod still does not have, for the diagnostic. */
  caveat?: string;
}

export const KNOWN_BINARIES: KnownBinary[] = [
  {
    name: "node_exporter",
    image: "quay.io/prometheus/node-exporter",
    binary: "/bin/node_exporter",
    tagPrefix: "v",
    note: "on Nomad it read the node's /proc and /sys; for node metrics in a pod, mount them (host_path, with --path.procfs/--path.sysfs) and use the host network and PID namespace, as the upstream chart does",
    nodeAgent: { mounts: ["/proc:/host/proc:ro", "/sys:/host/sys:ro", "/:/host/root:ro"], flags: { "--path.procfs": "/host/proc", "--path.sysfs": "/host/sys", "--path.rootfs": "/host/root" }, hostPid: true },
  },
  {
    name: "cadvisor",
    image: "gcr.io/cadvisor/cadvisor",
    binary: "/usr/bin/cadvisor",
    tagPrefix: "v",
    note: "on Nomad it read the node's cgroups and container runtime; the kubelet already serves cAdvisor metrics (/metrics/cadvisor on each node), which may be all you need",
    nodeAgent: { mounts: ["/:/rootfs:ro", "/var/run:/var/run:ro", "/sys:/sys:ro", "/var/lib/docker:/var/lib/docker:ro", "/dev/disk:/dev/disk:ro"], privileged: true, caveat: "Kubernetes nodes run containerd (its socket under /run/containerd), not Docker; the kubelet serves the same metrics at /metrics/cadvisor" },
  },
  {
    name: "promtail",
    image: "grafana/promtail",
    binary: "/usr/bin/promtail",
    note: "on Nomad it read the node's log files; in a pod, mount /var/log from the node (host_path, read-only) on a DaemonSet",
    nodeAgent: { mounts: ["/var/log:/var/log:ro"], caveat: "the node's container logs are under /var/log/pods on Kubernetes, no longer in Nomad's alloc directories" },
  },
  { name: "prometheus", image: "quay.io/prometheus/prometheus", binary: "/bin/prometheus", tagPrefix: "v" },
  { name: "alertmanager", image: "quay.io/prometheus/alertmanager", binary: "/bin/alertmanager", tagPrefix: "v" },
  { name: "consul-esm", image: "hashicorp/consul-esm", binary: "/bin/consul-esm" },
  { name: "nomad-autoscaler", image: "hashicorp/nomad-autoscaler", binary: "/bin/nomad-autoscaler" },
  { name: "consul", image: "hashicorp/consul", binary: "/bin/consul" },
  { name: "nomad", image: "hashicorp/nomad", binary: "/bin/nomad" },
  { name: "vault", image: "hashicorp/vault", binary: "/bin/vault" },
  { name: "http-echo", image: "hashicorp/http-echo", binary: "/http-echo", entrypoint: ["/http-echo"] },
  { name: "fabio", image: "fabiolb/fabio", binary: "/usr/bin/fabio", entrypoint: ["/usr/bin/fabio"] },
  { name: "hashi-ui", image: "jippi/hashi-ui", binary: "/hashi-ui", tagPrefix: "v" },
  // v1 images are scratch with /traefik; later ones run the flags given through their entrypoint script.
  { name: "traefik", image: "traefik", binary: "traefik", tagPrefix: "v" },
  { name: "caddy", image: "caddy", binary: "/usr/bin/caddy", entrypoint: ["caddy"] },
  { name: "minio", image: "minio/minio", binary: "/usr/bin/minio", entrypoint: ["minio"] },
  { name: "memcached", image: "memcached", binary: "/usr/local/bin/memcached", entrypoint: ["memcached"] },
  { name: "redis-server", image: "redis", binary: "/usr/local/bin/redis-server", entrypoint: ["redis-server"] },
];

// What a release archive appends to a program's name: versions, OS, CPU, toolchain.
const RELEASE_WORD = /^(?:v?\d+\w*|linux|darwin|freebsd|netbsd|openbsd|unknown|gnu|musl|static|amd64|x86|arm64|aarch64|arm|armv\d+l?|armhf|armel|386|i386|i686|go\d*|release|rc\d*|beta\d*|alpha\d*)$/i;

/**
 * The known program a command runs: its file name is the program's name exactly, or that name
 * followed by a release suffix only (`fabio-1.5.4-go1.9.2-linux_amd64`, `hashi-ui-linux-amd64`,
 * `node_exporter-1.6.1.linux-amd64`): `consul-template` and `nomad-pack` are other programs.
 */
export function knownBinary(command: string): KnownBinary | undefined {
  const base = command.split("/").pop() ?? "";
  return KNOWN_BINARIES.find((k) => {
    if (base === k.name) return true;
    if (!base.startsWith(k.name) || !/^[-_.]/.test(base.slice(k.name.length))) return false;
    return base.slice(k.name.length + 1).split(/[-_.]/).every((w) => RELEASE_WORD.test(w));
  });
}

/**
 * The release version of a known program, from the artifact that downloads it or the path of
 * the command (`node_exporter-1.2.3.linux-amd64/node_exporter`, `/download/v1.5.4/fabio-…`).
 */
export function releaseVersion(k: KnownBinary, texts: string[]): string | undefined {
  const name = k.name.replace(/[-_]/g, "[-_]");
  for (const t of texts) {
    const m = new RegExp(`${name}[-_]v?(\\d+\\.\\d+\\.\\d+)`).exec(t) ?? new RegExp(`/${name}/v?(\\d+\\.\\d+\\.\\d+)/`).exec(t) ?? /\/download\/v?(\d+\.\d+\.\d+)\//.exec(t);
    if (m) return m[1];
  }
  return undefined;
}

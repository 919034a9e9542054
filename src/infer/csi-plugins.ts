import type { NomadJob, Task } from "../nomad/model.js";

// A Nomad CSI plugin job registers its socket with the Nomad client; on Kubernetes the driver's
// own chart registers it with the kubelet (node-driver-registrar, CSIDriver object). Converting
// the job would give a privileged pod nothing talks to, so it is skipped with a pointer.

const CHARTS: [RegExp, string][] = [
  [/democratic-?csi/i, "democratic-csi (https://github.com/democratic-csi/charts)"],
  [/nfsplugin|nfs-csi|csi-driver-nfs|csi-plugin-nfs/i, "csi-driver-nfs (https://github.com/kubernetes-csi/csi-driver-nfs/tree/master/charts)"],
  [/smbplugin|smb-csi|csi-driver-smb/i, "csi-driver-smb (https://github.com/kubernetes-csi/csi-driver-smb/tree/master/charts)"],
  [/hostpathplugin|csi-driver-host-path/i, "csi-driver-host-path (https://github.com/kubernetes-csi/csi-driver-host-path; for tests only)"],
  [/gcp-compute-persistent-disk-csi-driver/i, "the Compute Engine persistent disk CSI driver (built into GKE; https://github.com/kubernetes-sigs/gcp-compute-persistent-disk-csi-driver elsewhere)"],
  [/gcp-filestore-csi-driver/i, "the Filestore CSI driver (the GKE GcpFilestoreCsiDriver add-on)"],
  [/csi-gcs|gcs-fuse-csi/i, "the Cloud Storage FUSE CSI driver (GKE add-on) or csi-gcs (https://github.com/ofek/csi-gcs)"],
  [/cephcsi|ceph-csi/i, "ceph-csi-rbd / ceph-csi-cephfs (https://ceph.github.io/csi-charts)"],
  [/aws-ebs-csi-driver/i, "aws-ebs-csi-driver (https://kubernetes-sigs.github.io/aws-ebs-csi-driver)"],
  [/aws-efs-csi-driver/i, "aws-efs-csi-driver (https://kubernetes-sigs.github.io/aws-efs-csi-driver)"],
  [/hcloud-csi/i, "hcloud-csi (https://charts.hetzner.cloud)"],
  [/juicefs/i, "juicefs-csi-driver (https://juicedata.github.io/charts)"],
  [/seaweedfs-csi/i, "seaweedfs-csi-driver (https://seaweedfs.github.io/seaweedfs-csi-driver/helm)"],
  [/linode-blockstorage-csi/i, "linode-blockstorage-csi-driver (https://linode.github.io/linode-blockstorage-csi-driver)"],
  [/digitalocean.*csi|csi-digitalocean/i, "csi-digitalocean (built into DOKS)"],
  [/rclone/i, "csi-rclone (https://github.com/wunderio/csi-rclone)"],
];

export interface CsiSkip {
  reason: string;
  hint: string;
  path: string;
}

/** Why a job that runs a CSI plugin is skipped, with the chart that replaces it; none for other jobs. */
export function csiPluginSkip(job: NomadJob): CsiSkip | undefined {
  const plugins = job.groups.flatMap((g) => g.tasks).filter((t): t is Task & { csiPlugin: NonNullable<Task["csiPlugin"]> } => !!t.csiPlugin);
  if (!plugins.length) return undefined;
  const ids = [...new Set(plugins.map((t) => t.csiPlugin.id).filter(Boolean))];
  const types = [...new Set(plugins.map((t) => t.csiPlugin.type))];
  const image = plugins.map((t) => t.config.image).find(Boolean);
  const chart = CHARTS.find(([re]) => image && re.test(image))?.[1];
  return {
    reason: `the job runs CSI plugin ${ids.map((i) => `"${i}"`).join(", ") || "(no id)"} (${types.join(", ")}); on Kubernetes the CSI driver's own chart installs and registers it with the kubelet`,
    hint: `install ${chart ?? `the Kubernetes chart of the CSI driver${image ? ` that ${image} implements` : ""}`} and a StorageClass for it; the jobs that mount its volumes are converted with those volumes mapped`,
    path: plugins[0].path,
  };
}

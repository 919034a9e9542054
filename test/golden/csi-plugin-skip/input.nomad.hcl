# A CSI node plugin: Kubernetes installs the driver from its own chart; the job is skipped.
job "plugin-nfs-nodes" {
  type = "system"

  group "nodes" {
    task "plugin" {
      driver = "docker"

      config {
        image        = "registry.k8s.io/sig-storage/nfsplugin:v4.9.0"
        network_mode = "host"
        privileged   = true
        args = [
          "--v=5",
          "--nodeid=${attr.unique.hostname}",
          "--endpoint=unix:///csi/csi.sock",
          "--drivername=nfs.csi.k8s.io",
        ]
      }

      csi_plugin {
        id        = "nfs"
        type      = "node"
        mount_dir = "/csi"
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}

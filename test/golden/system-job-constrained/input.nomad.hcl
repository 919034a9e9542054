# A node agent for one machine only: the constraint still picks the node, and the DaemonSet
# tolerates that node's taints as Nomad ignored them.
job "smart-exporter" {
  type = "system"

  constraint {
    attribute = "${attr.unique.hostname}"
    value     = "storage-1"
  }

  group "exporter" {
    task "exporter" {
      driver = "docker"

      config {
        image = "example/smart-exporter:0.9"
      }
    }
  }
}

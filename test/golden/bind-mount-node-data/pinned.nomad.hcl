# The job pinned its node: the node_selector carries it, no input is asked for.
job "pinned" {
  datacenters = ["dc1"]

  constraint {
    attribute = "${attr.unique.hostname}"
    value     = "Store-1"
  }

  group "pinned" {
    task "pinned" {
      driver = "docker"

      config {
        image   = "example/pinned:1.0"
        volumes = ["/mnt/store/pinned:/var/lib/pinned"]
      }
    }
  }
}

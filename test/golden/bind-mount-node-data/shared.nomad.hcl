# A bind mount under the storage root (on every node, as host volumes are): typed, not pinned.
job "shared" {
  datacenters = ["dc1"]

  group "shared" {
    task "shared" {
      driver = "docker"

      config {
        image   = "example/shared:1.0"
        volumes = ["/storage/v/shared:/data"]
      }
    }
  }
}

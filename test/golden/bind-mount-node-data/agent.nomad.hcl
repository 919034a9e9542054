# A system job: every node has its own folder; the DaemonSet is not pinned and the path stays untyped.
job "agent" {
  datacenters = ["dc1"]
  type        = "system"

  group "agent" {
    task "agent" {
      driver = "docker"

      config {
        image   = "example/agent:3"
        volumes = ["/var/lib/agent:/state", "/proc:/host/proc:ro"]
      }
    }
  }
}

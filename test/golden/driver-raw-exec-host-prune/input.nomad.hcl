# Nightly clean-up of the node's Docker images: node administration, not an app.
job "docker-prune" {
  datacenters = ["dc1"]
  type        = "batch"

  periodic {
    crons            = ["0 3 * * *"]
    prohibit_overlap = true
  }

  group "prune" {
    task "prune" {
      driver = "raw_exec"

      config {
        command = "/usr/bin/docker"
        args    = ["system", "prune", "--all", "--force"]
      }
    }
  }
}

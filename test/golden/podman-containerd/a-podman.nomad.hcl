# Podman names images with a transport; Kubernetes pulls from the registry.
job "notes" {
  datacenters = ["dc1"]

  group "notes" {
    network {
      port "http" {
        to = 5000
      }
    }

    service {
      name = "notes"
      port = "http"
    }

    task "notes" {
      driver = "podman"

      config {
        image       = "docker://docker.io/example/notes:3.1"
        ports       = ["http"]
        working_dir = "/srv/notes"
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
}

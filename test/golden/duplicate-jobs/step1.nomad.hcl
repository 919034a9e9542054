# Tutorial repositories keep each step of one job in its own file; Nomad accepts each.
job "counter" {
  datacenters = ["dc1"]

  group "counter" {
    network {
      port "http" {
        to = 9001
      }
    }

    service {
      name = "counter"
      port = "http"
    }

    task "counter" {
      driver = "docker"

      config {
        image = "example/counter:1.0"
        ports = ["http"]
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}

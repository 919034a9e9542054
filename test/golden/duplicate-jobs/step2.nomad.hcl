# Step 2: three replicas and a newer image.
job "counter" {
  datacenters = ["dc1"]

  group "counter" {
    count = 3

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
        image = "example/counter:1.1"
        ports = ["http"]
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}

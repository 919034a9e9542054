job "catalog" {
  group "api" {
    network {
      port "http" {
        to = 9090
      }
    }

    # Registered in Nomad's own service catalog, not Consul.
    service {
      name     = "catalog-api"
      provider = "nomad"
      port     = "http"
    }

    task "api" {
      driver = "docker"

      config {
        image = "example/catalog:2.3"
        ports = ["http"]
      }
    }
  }
}

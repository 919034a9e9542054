# Two tasks of one group both listen on 8080: outside bridge mode each had its own network
# namespace on Nomad, so each becomes its own workload and Service.
job "shop" {
  group "shop" {
    count = 2

    network {
      port "api" {
        to = 8080
      }
      port "admin" {
        to = 8080
      }
    }

    service {
      name = "shop-api"
      port = "api"
    }

    service {
      name = "shop-admin"
      port = "admin"
    }

    task "migrate" {
      driver = "docker"

      lifecycle {
        hook = "prestart"
      }

      config {
        image = "ghcr.io/example/shop-api:1.4.0"
        args  = ["migrate"]
      }
    }

    task "api" {
      driver = "docker"

      config {
        image = "ghcr.io/example/shop-api:1.4.0"
        ports = ["api"]
      }

      resources {
        cpu    = 200
        memory = 256
      }
    }

    task "admin" {
      driver = "docker"

      config {
        image = "ghcr.io/example/shop-admin:1.4.0"
        ports = ["admin"]
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
}

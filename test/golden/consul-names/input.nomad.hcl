# Consul DNS names that mean nothing to Kubernetes: an image registry (nodes pull from it) and
# a route host (not a public name).
job "shop" {
  group "shop" {
    network {
      port "http" {
        to = 8080
      }
      port "admin" {
        to = 9000
      }
    }

    service {
      name = "shop-admin"
      port = "admin"
      tags = ["urlprefix-backoffice.service.consul/"]
    }

    service {
      name = "shop"
      port = "http"
      tags = ["urlprefix-shop.service.consul/"]
    }

    task "shop" {
      driver = "docker"

      config {
        image = "registry.service.consul:5000/team/shop:1.4"
        ports = ["http", "admin"]
      }
    }

    task "cache" {
      driver = "docker"

      lifecycle {
        hook    = "prestart"
        sidecar = true
      }

      config {
        image = "mirror.service.dc1.consul/library/redis:7"
      }
    }
  }
}

# An ingress gateway group has no task: Nomad runs Envoy for it. The app group converts.
job "shop" {
  datacenters = ["dc1"]

  group "gateway" {
    network {
      mode = "bridge"
      port "inbound" {
        static = 8080
        to     = 8080
      }
    }

    service {
      name = "shop-ingress"
      port = "8080"

      connect {
        gateway {
          ingress {
            listener {
              port     = 8080
              protocol = "http"
              service {
                name  = "shop"
                hosts = ["shop.example.com"]
              }
            }
          }
        }
      }
    }
  }

  group "app" {
    network {
      mode = "bridge"
      port "http" {
        to = 8000
      }
    }

    service {
      name = "shop"
      port = "http"

      connect {
        sidecar_service {}
      }
    }

    task "shop" {
      driver = "docker"

      config {
        image = "example/shop:7.2"
        ports = ["http"]
      }

      resources {
        cpu    = 200
        memory = 256
      }
    }
  }
}

job "broker" {
  group "broker" {
    network {
      port "amqp" {
        to = 5672
      }
      port "admin" {
        to = 15672
      }
      port "prom" {
        to = 15692
      }
    }

    service {
      name = "broker"
      port = "amqp"
    }

    service {
      name = "broker-admin"
      port = "admin"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.admin.rule=Host(`broker.example.org`)",
      ]
    }

    service {
      name = "broker-metrics"
      port = "prom"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.metrics.rule=Host(`broker.example.org`) && PathPrefix(`/metrics`)",
        "traefik.http.routers.metrics.service=broker-metrics",
        "traefik.http.services.broker-metrics.loadbalancer.server.port=15692",
      ]
    }

    task "broker" {
      driver = "docker"

      config {
        image = "example/broker:3.12"
        ports = ["amqp", "admin", "prom"]
      }
    }
  }
}

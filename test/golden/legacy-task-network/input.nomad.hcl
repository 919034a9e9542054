# Nomad before 0.12: ports live in the task's resources, docker's port_map gives the
# container side. Two tasks both call a port "http": each keeps its own.
job "ledger" {
  datacenters = ["dc1"]

  group "app" {
    task "api" {
      driver = "docker"

      config {
        image = "example/ledger-api:2.4.1"
        args  = ["--listen", ":${NOMAD_PORT_http}"]

        port_map {
          http = 8080
        }
      }

      service {
        name = "ledger-api"
        port = "http"
        tags = ["traefik.enable=true", "traefik.http.routers.ledger.rule=Host(`ledger.example.com`)"]

        check {
          type     = "http"
          path     = "/healthz"
          interval = "10s"
          timeout  = "2s"
        }
      }

      resources {
        cpu    = 200
        memory = 256

        network {
          mbits = 10
          port "http" {}
          port "admin" {
            static = 9090
          }
        }
      }
    }

    task "exporter" {
      driver = "docker"

      config {
        image    = "example/ledger-exporter:0.3.0"
        port_map = [{ http = 9100 }]
      }

      env {
        LISTEN = "0.0.0.0:${NOMAD_PORT_http}"
      }

      service {
        name = "ledger-metrics"
        port = "http"
      }

      resources {
        cpu    = 50
        memory = 64

        network {
          port "http" {}
        }
      }
    }
  }
}

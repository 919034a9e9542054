# Ports only the Connect sidecar (Envoy) listened on: its metrics port and an expose listener.
job "ledger" {
  group "ledger" {
    network {
      mode = "bridge"

      port "envoy" {}
      port "metrics" {}
      port "healthz" {
        to = -1
      }
      port "envoy_metrics" {
        to = 9102
      }
    }

    service {
      name = "ledger"
      port = "7000"

      meta {
        envoy_metrics_port = "${NOMAD_HOST_PORT_envoy_metrics}"
      }

      connect {
        sidecar_service {
          proxy {
            expose {
              path {
                path            = "/metrics"
                protocol        = "http"
                local_path_port = 9300
                listener_port   = "metrics"
              }
            }

            upstreams {
              destination_name = "accounts"
              local_bind_port  = 7100
            }

            config {
              envoy_prometheus_bind_addr = "0.0.0.0:${NOMAD_PORT_envoy}"
            }
          }
        }
      }

      check {
        expose   = true
        type     = "http"
        port     = "healthz"
        path     = "/health"
        interval = "10s"
        timeout  = "2s"
      }
    }

    service {
      name = "ledger-metrics"
      port = "metrics"
    }

    task "ledger" {
      driver = "docker"

      config {
        image = "example/ledger:5"
      }

      env {
        ACCOUNTS = "${NOMAD_UPSTREAM_ADDR_accounts}"
      }
    }
  }

  group "audit" {
    network {
      mode = "bridge"
    }

    service {
      name = "ledger-audit"
      port = "7200"

      connect {
        sidecar_service {
          proxy {
            upstreams {
              destination_name = "accounts"
              local_bind_port  = 7100
            }
          }
        }
      }
    }

    task "audit" {
      driver = "docker"

      config {
        image = "example/audit:5"
      }
    }
  }
}

job "dashboard" {
  group "dashboard" {
    network {
      mode = "bridge"

      port "http" {
        to = 9002
      }
    }

    service {
      name = "count-dashboard"
      port = "http"

      connect {
        sidecar_service {
          proxy {
            upstreams {
              destination_name = "count-api"
              local_bind_port  = 8080
            }
            upstreams {
              destination_name = "billing"
              local_bind_port  = 8181
            }
          }
        }
      }
    }

    task "dashboard" {
      driver = "docker"

      env {
        COUNTING_SERVICE_URL = "http://${NOMAD_UPSTREAM_ADDR_count_api}"
        COUNTER_HOST         = "${NOMAD_UPSTREAM_IP_count_api}"
        COUNTER_PORT         = "${NOMAD_UPSTREAM_PORT_count_api}"
        LEGACY_COUNTER       = "localhost:8080"
        BILLING_URL          = "http://${NOMAD_UPSTREAM_ADDR_billing}/v1"
      }

      config {
        image = "example/counter-dashboard:3"
      }

      template {
        data        = <<EOT
counter_url: http://{{ env "NOMAD_UPSTREAM_ADDR_count_api" }}/count
EOT
        destination = "local/dashboard.yml"
      }

      template {
        data        = <<EOT
counter_admin:
  url: http://localhost:8080/admin
  token: {{ with secret "kv/data/dashboard" }}{{ .Data.data.token }}{{ end }}
EOT
        destination = "secrets/admin.yml"
      }

      template {
        data        = <<EOT
#!/bin/sh
until nc -z localhost 8080; do sleep 1; done
EOT
        destination = "local/wait-for-counter.sh"
        perms       = "755"
      }
    }
  }
}

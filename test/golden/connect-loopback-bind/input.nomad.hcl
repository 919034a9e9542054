# Apps behind a Consul Connect sidecar listened on 127.0.0.1: Envoy forwarded to them. Without the
# sidecar they must listen on the pod's address, or the Service reaches nothing.
job "identity" {
  group "keycloak" {
    network {
      mode = "bridge"
    }

    service {
      name = "keycloak"
      port = "8080"

      connect {
        sidecar_service {
          proxy {
            upstreams {
              destination_name = "keycloak-db"
              local_bind_port  = 5432
            }
          }
        }
      }
    }

    task "keycloak" {
      driver = "docker"

      config {
        image = "quay.io/keycloak/keycloak:26.0"
        args  = ["start", "--http-host", "127.0.0.1", "--http-port", "8080"]
      }

      env {
        KC_HTTP_HOST      = "127.0.0.1"
        KC_DB_URL_HOST    = "127.0.0.1"
        KC_DB_URL_PORT    = "${NOMAD_UPSTREAM_PORT_keycloak_db}"
        ADMIN_LISTEN_ADDR = "127.0.0.1:9000"
      }
    }
  }

  group "api" {
    network {
      mode = "bridge"
      port "http" {
        to = 8000
      }
    }

    service {
      name = "identity-api"
      port = "http"

      connect {
        sidecar_service {}
      }
    }

    task "api" {
      driver = "docker"

      config {
        image   = "example/identity-api:3.2"
        command = "sh"
        args    = ["-c", "gunicorn --bind 127.0.0.1:8000 --workers 2 app:wsgi"]
      }

      template {
        data        = <<EOF
server:
  http_listen_address: 127.0.0.1
  http_listen_port: 8000
metrics_url: http://127.0.0.1:9100/metrics
EOF
        destination = "local/server.yml"
      }
    }
  }
}

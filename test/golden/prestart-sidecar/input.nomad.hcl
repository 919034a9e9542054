job "app-with-helpers" {
  group "app" {
    network {
      port "http" {
        to = 8080
      }
      port "metrics" {}
    }

    service {
      port = "http"

      connect {
        sidecar_service {
          proxy {
            upstreams {
              destination_name = "postgres"
              local_bind_port  = 5432
            }
          }
        }
      }
    }

    task "wait-for-db" {
      driver = "docker"

      lifecycle {
        hook    = "prestart"
        sidecar = false
      }

      config {
        image   = "busybox:1.36"
        command = "sh"
        args    = ["-c", "until nc -z db 5432; do sleep 1; done"]
      }
    }

    task "app" {
      driver = "docker"

      config {
        image   = "example/app:2.0"
        ports   = ["http"]
        volumes = ["../alloc/shared:/shared"]
      }
    }

    task "exporter" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image = "example/exporter:1.1"
        ports = ["metrics"]
        args  = ["--listen", ":${NOMAD_PORT_metrics}", "--log", "${NOMAD_ALLOC_DIR}/exporter.log"]
      }
    }

    task "cleanup" {
      driver = "docker"

      lifecycle {
        hook = "poststop"
      }

      config {
        image = "busybox:1.36"
        args  = ["rm", "-rf", "/alloc/shared/tmp"]
      }
    }
  }
}

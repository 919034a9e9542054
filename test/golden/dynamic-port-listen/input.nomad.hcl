# Dynamic ports: the app learns its number from Nomad (NOMAD_PORT_http), says it in its env
# (ADMIN_PORT) or args (--metrics-port), or nowhere (debug).
job "dynports" {
  group "app" {
    network {
      port "http" {}
      port "admin" {}
      port "metrics" {}
      port "debug" {}
    }
    service {
      name = "dynports"
      port = "http"
    }
    service {
      name = "dynports-admin"
      port = "admin"
    }
    service {
      name = "dynports-none"
      port = "0"
    }
    task "server" {
      driver = "docker"
      config {
        image = "example/server:2.1"
        ports = ["http", "admin", "metrics", "debug"]
        args  = ["--listen", "0.0.0.0:${NOMAD_PORT_http}", "--metrics-port=9102"]
      }
      env {
        ADMIN_PORT = "7001"
      }
    }
  }
}

# Dynamic ports: the app learns its number from Nomad (NOMAD_PORT_http), says it in its env
# (ADMIN_PORT), args (--metrics-port) or an env template (GRPC_PORT), or nowhere (debug: a
# required module input, used by the container port, the Service and the probe).
job "dynports" {
  group "app" {
    network {
      port "http" {}
      port "admin" {}
      port "metrics" {}
      port "debug" {}
      port "grpc" {}
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
      name = "dynports-debug"
      port = "debug"
      check {
        type     = "http"
        path     = "/debug/health"
        interval = "10s"
        timeout  = "2s"
      }
    }
    service {
      name = "dynports-none"
      port = "0"
    }
    task "server" {
      driver = "docker"
      config {
        image = "example/server:2.1"
        ports = ["http", "admin", "metrics", "debug", "grpc"]
        args  = ["--listen", "0.0.0.0:${NOMAD_PORT_http}", "--metrics-port=9102"]
      }
      env {
        ADMIN_PORT = "7001"
      }
      template {
        destination = "local/grpc.env"
        env         = true
        data        = <<-EOT
          GRPC_PORT=9090
        EOT
      }
    }
  }
}

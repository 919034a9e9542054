job "gateway" {
  group "edge" {
    network {
      mode = "bridge"

      port "web" {
        static = 80
        to     = 8000
      }
      port "websecure" {
        static = 443
        to     = 8443
      }
      port "dashboard" {
        to = 9000
      }
    }

    service {
      name = "gateway"
      port = "web"
    }

    service {
      name = "gateway-dashboard"
      port = "dashboard"
      tags = ["traefik.http.routers.dash.rule=Host(`gateway.example.net`)"]
    }

    task "proxy" {
      driver = "docker"

      config {
        image = "example/edge-proxy:3.1"
        args  = ["--web=:${NOMAD_PORT_web}", "--websecure=:${NOMAD_PORT_websecure}"]
      }
    }
  }

  group "api" {
    network {
      mode = "bridge"

      port "http" {
        to = 7070
      }
      port "metrics" {
        to = 9102
      }
    }

    service {
      name = "api"
      port = "http"

      check {
        type     = "http"
        path     = "/health"
        interval = "10s"
        timeout  = "2s"
      }
    }

    task "api" {
      driver = "docker"

      config {
        image = "example/api:1.4"
      }
    }

    task "exporter" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image = "example/exporter:0.9"
      }

      service {
        name = "api-metrics"
        port = "metrics"
      }
    }
  }
}

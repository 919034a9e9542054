# Traefik with only a file provider serves fixed routes of its own: an ordinary proxy app,
# converted, with a warning (N2K-JOB-012).
job "static-proxy" {
  group "proxy" {
    network {
      port "http" {
        to = 8000
      }
    }

    service {
      name = "static-proxy"
      port = "http"
    }

    task "traefik" {
      driver = "docker"

      config {
        image = "traefik:v2.11"
        ports = ["http"]
        args  = ["--providers.file.filename=/local/routes.yml", "--entrypoints.web.address=:8000"]
      }

      template {
        destination = "local/routes.yml"
        data        = <<-EOT
          http:
            routers:
              legacy:
                rule: "PathPrefix(`/`)"
                service: legacy
            services:
              legacy:
                loadBalancer:
                  servers:
                    - url: "http://legacy.example.org:8080"
        EOT
      }
    }
  }
}

# The fleet's edge router: Traefik reading the Consul catalog. Skipped (N2K-JOB-011); the step
# lists the entrypoints, resolver, middlewares and dashboard the site's controller may need.
job "edge" {
  type = "system"

  group "traefik" {
    network {
      port "http" {
        static = 80
      }
      port "https" {
        static = 443
      }
      port "admin" {
        static = 8081
      }
    }

    service {
      name = "traefik-admin"
      port = "admin"
      tags = [
        "traefik.enable=true",
        "traefik.http.middlewares.lan-only.ipallowlist.sourcerange=192.168.0.0/16",
      ]
    }

    task "traefik" {
      driver = "docker"

      config {
        image        = "traefik:v3.1"
        network_mode = "host"
        args = [
          "--entrypoints.web.address=:80",
          "--entrypoints.websecure.address=:443",
          "--entrypoints.websecure.http.tls.certresolver=le",
          "--entrypoints.admin.address=:8081",
          "--certificatesresolvers.le.acme.email=ops@example.org",
          "--providers.consulcatalog.exposedbydefault=false",
          "--api.dashboard=true",
        ]
      }
    }
  }
}

job "legacy-web" {
  group "web" {
    network {
      port "http" {
        to = 8080
      }
      port "admin" {
        to = 9090
      }
    }

    service {
      name = "legacy-web"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.tags=public",
        "traefik.frontend.rule=Host:shop.example.com,store.example.com",
        "traefik.frontend.entryPoints=http,https",
      ]
    }

    service {
      name = "legacy-web-admin"
      port = "admin"
      tags = [
        "traefik.enable=true",
        "traefik.frontend.rule=Host:shop.example.com;PathPrefixStrip:/admin",
        "traefik.frontend.passHostHeader=true",
        "traefik.port=9090",
      ]
    }

    task "web" {
      driver = "docker"

      config {
        image = "example/legacy-web:1.0"
        ports = ["http", "admin"]
      }
    }
  }
}

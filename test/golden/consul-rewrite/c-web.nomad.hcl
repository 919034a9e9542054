job "web" {
  group "web" {
    network {
      port "http" {
        to = 3000
      }
      port "redis" {
        static = 6379
      }
    }

    service {
      name = "web"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.web.rule=Host(`web.example.org`)",
      ]
    }

    service {
      name = "cache"
      port = "redis"
    }

    task "web" {
      driver = "docker"

      config {
        image = "example/web:2.0"
        ports = ["http"]
      }
    }

    task "redis" {
      driver = "docker"

      config {
        image = "redis:7.4"
        ports = ["redis"]
      }
    }
  }
}

job "docs-v2" {
  group "web" {
    network {
      port "http" {
        to = 8080
      }
    }

    service {
      name = "docs-v2"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.docs2.rule=Host(`docs.example.org`) && PathPrefix(`/guide`)",
        "traefik.http.routers.docs2.middlewares=sso@consulcatalog,ratelimit",
      ]
    }

    task "web" {
      driver = "docker"

      config {
        image = "example/docs:2"
        ports = ["http"]
      }
    }
  }
}

job "docs-v1" {
  group "web" {
    network {
      port "http" {
        to = 8080
      }
    }

    service {
      name = "docs-v1"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.docs.rule=Host(`docs.example.org`) && PathPrefix(`/guide`)",
        "traefik.http.routers.docs.middlewares=sso",
        "traefik.http.middlewares.sso.forwardauth.address=http://auth.example.org/verify",
      ]
    }

    task "web" {
      driver = "docker"

      config {
        image = "example/docs:1"
        ports = ["http"]
      }
    }
  }
}

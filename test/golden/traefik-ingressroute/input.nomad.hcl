# Rules an Ingress cannot express keep their rule in a Traefik IngressRoute: a regexp path
# (an Ingress would route every path of the host), a method filter, and a catch-all router
# whose low priority let every other router of the cluster win on Nomad.
job "api" {
  group "api" {
    network {
      port "http" {
        to = 8080
      }
    }

    service {
      name = "api"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.versioned.rule=Host(`api.example.org`) && PathRegexp(`^/v[0-9]+/`)",
        "traefik.http.routers.versioned.middlewares=api-strip",
        "traefik.http.middlewares.api-strip.stripprefixregex.regex=^/v[0-9]+",
        "traefik.http.routers.writes.rule=Host(`api.example.org`) && Method(`POST`, `PUT`)",
        "traefik.http.routers.fallback.rule=HostRegexp(`{host:.+}`)",
        "traefik.http.routers.fallback.priority=1",
        "traefik.http.routers.docs.rule=Host(`docs.example.org`)",
      ]
    }

    task "api" {
      driver = "docker"

      config {
        image = "ghcr.io/example/api:3.2.0"
        ports = ["http"]
      }

      resources {
        cpu    = 200
        memory = 256
      }
    }
  }
}

job "portal" {
  group "portal" {
    network {
      port "http" {
        to = 3000
      }
      port "api" {
        to = 4000
      }
      port "ws" {
        to = 4100
      }
    }

    service {
      name = "portal"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.portal.rule=Host(`portal.example.com`) || Host(`www.portal.example.com`)",
        "traefik.http.routers.portal.entrypoints=websecure",
        "traefik.http.routers.tenants.rule=HostRegexp(`{tenant:[a-z0-9-]+}.portal.example.com`)",
        "traefik.http.routers.status.rule=Path(`/status`)",
        "traefik.http.routers.legacy.rule=PathPrefix(`/legacy`) && !Headers(`X-Beta`, `1`)",
        "traefik.http.routers.any.rule=HostRegexp(`{host:.+}`) && PathPrefix(`/.well-known/acme`)",
        "traefik.http.routers.dash.rule=Host(`portal.example.com`) && PathPrefix(`/dashboard`)",
        "traefik.http.routers.dash.service=api@internal",
      ]
    }

    service {
      name = "portal-api"
      port = "api"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.api.rule=Host(`portal.example.com`) && (PathPrefix(`/api`) || PathPrefix(`/v2`)) && Method(`GET`, `POST`)",
        "traefik.http.routers.api.middlewares=api-auth",
        "traefik.http.routers.writes.rule=Method(`PUT`)",
        "traefik.http.routers.odd.rule=Host(`10.0.0.8`) || Host(`*`)",
      ]
    }

    service {
      name = "portal-ws"
      port = "ws"
      tags = [
        "traefik.enable=true",
        "traefik.tcp.routers.ws.rule=HostSNI(`*`)",
        "traefik.tcp.routers.ws.entrypoints=raw",
      ]
    }

    task "portal" {
      driver = "docker"

      config {
        image = "example/portal:5.2"
        ports = ["http", "api", "ws"]
      }
    }
  }
}

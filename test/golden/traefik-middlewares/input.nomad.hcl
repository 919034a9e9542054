# Routers with different middleware sets, an HTTP→HTTPS redirect router, a backend port given
# by interpolation, TCP/UDP routers and an unnamed service enabled without a rule.
job "gateway" {
  group "gateway" {
    network {
      port "http" {
        to = 8000
      }
      port "admin" {
        to = 9000
      }
      port "syslog" {
        to = 6514
      }
    }

    service {
      name = "gateway"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.middlewares.to-https.redirectscheme.scheme=https",
        "traefik.http.routers.plain.entrypoints=web",
        "traefik.http.routers.plain.rule=HostRegexp(`{any:.+}`)",
        "traefik.http.routers.plain.middlewares=to-https",
        "traefik.http.routers.app.rule=Host(`app.example.org`)",
        "traefik.http.routers.app.service=web",
        "traefik.http.services.web.loadbalancer.server.port=${NOMAD_HOST_PORT_http}",
        "traefik.http.routers.admin.rule=Host(`admin.example.org`)",
        "traefik.http.routers.admin.middlewares=sso@consulcatalog,admin-ip,compress@file",
        "traefik.http.routers.admin.service=admin",
        "traefik.http.services.admin.loadbalancer.server.port=${NOMAD_PORT_admin}",
      ]
    }

    service {
      name = "gateway-syslog"
      port = "syslog"
      tags = [
        "traefik.enable=true",
        "traefik.udp.routers.logs.entrypoints=syslog",
        "traefik.udp.routers.logs.service=logs",
        "traefik.udp.services.logs.loadbalancer.server.port=6514",
        "traefik.tcp.routers.logs-tcp.rule=HostSNI(`*`)",
        "traefik.tcp.services.logs-tcp.loadbalancer.server.port=6514",
      ]
    }

    service {
      port = "admin"
      tags = ["traefik.enable=true"]
    }

    task "gateway" {
      driver = "docker"

      config {
        image = "example/gateway:3.1"
        ports = ["http", "admin", "syslog"]
      }
    }
  }
}

job "wiki" {
  group "wiki" {
    network {
      port "http" {
        to = 8080
      }
      port "metrics" {
        to = 9100
      }
      port "ssh" {
        to = 2222
      }
    }

    service {
      name = "wiki"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.wiki.rule=Host(`wiki.example.net`)",
        "traefik.http.routers.wiki.entrypoints=https",
        "traefik.http.routers.wiki.tls.certresolver=le",
        "traefik.http.routers.wiki-lan.rule=Host(`wiki.lan`)",
        "traefik.http.routers.wiki-lan.entrypoints=web",
        "traefik.http.routers.both.rule=Host(`docs.example.net`)",
        "traefik.http.routers.both.entryPoints=web,websecure",
        "traefik.http.routers.plain.rule=Host(`plain.example.net`)",
      ]
    }

    service {
      name = "wiki-metrics"
      port = "metrics"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.metrics.rule=PathPrefix(`/metrics`)",
        "traefik.http.routers.metrics.entrypoints=internal",
      ]
    }

    service {
      name = "wiki-ssh"
      port = "ssh"
      tags = [
        "traefik.enable=true",
        "traefik.tcp.routers.wiki-ssh.rule=HostSNI(`*`)",
        "traefik.tcp.routers.wiki-ssh.entrypoints=ssh",
      ]
    }

    task "wiki" {
      driver = "docker"

      config {
        image = "ghcr.io/example/wiki:2.1"
        ports = ["http", "metrics", "ssh"]
      }
    }
  }
}

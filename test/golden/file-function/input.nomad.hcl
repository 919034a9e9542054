job "caddy" {
  group "web" {
    network {
      port "http" {
        to = 8080
      }
    }

    service {
      port = "http"
      tags = ["traefik.http.routers.caddy.rule=Host(`www.example.org`)"]
    }

    task "caddy" {
      driver = "docker"

      config {
        image   = "caddy:2.8"
        ports   = ["http"]
        volumes = ["local/Caddyfile:/etc/caddy/Caddyfile"]
      }

      template {
        data        = file("Caddyfile.tpl")
        destination = "local/Caddyfile"
      }
    }
  }
}

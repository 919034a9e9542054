job "sites" {
  group "nginx" {
    network {
      port "http" {
        to = 80
      }
    }

    service {
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.a.rule=Host(`one.example.org`) || Host(`two.example.org`)",
        "traefik.http.routers.b.rule=Host(`three.example.org`)",
        "traefik.http.services.sites.loadbalancer.sticky=true",
      ]
    }

    task "nginx" {
      driver = "docker"

      config {
        image   = "nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac"
        ports   = ["http"]
        volumes = ["/srv/www:/usr/share/nginx/html:ro"]
      }

      resources {
        cpu    = 20
        memory = 32
      }
    }
  }
}

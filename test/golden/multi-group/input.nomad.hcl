job "immich" {
  group "server" {
    count = 2

    constraint {
      operator = "distinct_hosts"
      value    = "true"
    }

    network {
      port "http" {
        to = 2283
      }
    }

    service {
      name = "immich"
      port = "http"
      tags = ["traefik.http.routers.immich.rule=Host(`photos.example.com`)"]
    }

    task "server" {
      driver = "docker"

      config {
        image = "ghcr.io/immich-app/immich-server:v1.121.0"
        ports = ["http"]
      }

      env {
        REDIS_HOSTNAME = "localhost"
      }
    }
  }

  group "ml" {
    network {
      port "ml" {
        to = 3003
      }
    }

    service {
      name = "immich-ml"
      port = "ml"
      tags = ["traefik.http.routers.ml.rule=Host(`ml.example.com`)"]

      check {
        type     = "http"
        path     = "/ping"
        interval = "30s"
        timeout  = "5s"
      }
    }

    task "ml" {
      driver = "docker"

      config {
        image = "ghcr.io/immich-app/immich-machine-learning:v1.121.0"
        ports = ["ml"]
      }
    }
  }
}

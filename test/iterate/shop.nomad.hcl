job "shop" {
  datacenters = ["dc1"]

  group "web" {
    network {
      port "http" { to = 80 }
    }
    service {
      name = "shop-web"
      port = "http"
      tags = ["traefik.enable=true", "traefik.http.routers.shop.rule=Host(`shop.example.org`)"]
    }
    task "nginx" {
      driver = "docker"
      config {
        image = "nginx:1.27"
        ports = ["http"]
      }
      resources {
        cpu    = 100
        memory = 64
      }
    }
  }

  group "api" {
    network {
      port "api" { to = 8080 }
    }
    service {
      name = "shop-api"
      port = "api"
      tags = ["traefik.enable=true", "traefik.http.routers.shop-api.rule=Host(`api.example.org`)"]
    }
    task "api" {
      driver = "docker"
      config {
        image = "ghcr.io/example/shop-api:2.1"
        ports = ["api"]
      }
      env {
        LOG_LEVEL = "info"
      }
      resources {
        cpu    = 500
        memory = 512
      }
    }
  }

  group "worker" {
    volume "queue" {
      type   = "host"
      source = "shop-queue"
    }
    task "worker" {
      driver = "docker"
      config {
        image = "ghcr.io/example/shop-worker:2.1"
      }
      volume_mount {
        volume      = "queue"
        destination = "/var/lib/queue"
      }
      resources {
        cpu    = 200
        memory = 256
      }
    }
  }
}

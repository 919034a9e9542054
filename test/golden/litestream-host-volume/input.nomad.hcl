job "wiki" {
  group "wiki" {
    network {
      port "http" {
        to = 3000
      }
    }

    service {
      port = "http"
    }

    volume "wiki-data" {
      type   = "host"
      source = "wiki-data"
    }

    volume "wiki-app" {
      type   = "host"
      source = "wiki-app"
    }

    task "wiki" {
      driver = "docker"

      config {
        image = "louislam/uptime-kuma:1.23"
        ports = ["http"]
      }

      env {
        DATA_DIR = "/app/data"
        DB_PATH  = "/app/data/kuma.db"
      }

      volume_mount {
        volume      = "wiki-data"
        destination = "/app/data"
      }

      volume_mount {
        volume      = "wiki-app"
        destination = "/app"
      }
    }
  }
}

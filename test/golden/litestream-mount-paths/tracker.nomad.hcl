# A known SQLite image whose database path the site config gives: /config is replaced, /data kept.
job "tracker" {
  group "tracker" {
    network {
      port "http" {
        to = 7878
      }
    }

    service {
      port = "http"
    }

    volume "tracker-config" {
      type   = "host"
      source = "tracker-config"
    }

    volume "downloads" {
      type   = "host"
      source = "downloads"
    }

    task "tracker" {
      driver = "docker"

      config {
        image = "example/tracker:5.2"
        ports = ["http"]
      }

      volume_mount {
        volume      = "tracker-config"
        destination = "/config"
      }

      volume_mount {
        volume      = "downloads"
        destination = "/data"
      }
    }
  }
}

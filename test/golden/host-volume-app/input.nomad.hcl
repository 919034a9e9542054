job "jellyfin" {
  group "jellyfin" {
    network {
      port "http" {
        static = 8096
      }
    }

    service {
      port = "http"
    }

    volume "config" {
      type   = "host"
      source = "jellyfin-config"
    }

    volume "media" {
      type      = "host"
      source    = "media"
      read_only = true
    }

    task "jellyfin" {
      driver = "podman"

      config {
        image = "docker.io/jellyfin/jellyfin:10.10.3"
        ports = ["http"]

        mount {
          type   = "tmpfs"
          target = "/cache"
        }
      }

      volume_mount {
        volume      = "config"
        destination = "/config"
      }

      volume_mount {
        volume      = "media"
        destination = "/media"
        read_only   = true
      }

      user = "1000:1000"

      resources {
        cpu    = 1500
        memory = 2048
      }
    }
  }
}

# A known SQLite image on a CSI volume at /config: the database cannot be moved (no setting
# of the app names its path), so it stays on the volume with everything else (Pattern C).
job "sonarr" {
  group "sonarr" {
    network {
      port "http" {
        to = 8989
      }
    }

    service {
      port = "http"
    }

    volume "sonarr-config" {
      type            = "csi"
      source          = "sonarr-config"
      access_mode     = "single-node-writer"
      attachment_mode = "file-system"
    }

    task "sonarr" {
      driver = "docker"

      config {
        image = "linuxserver/sonarr:4.0.2"
        ports = ["http"]
      }

      volume_mount {
        volume      = "sonarr-config"
        destination = "/config"
      }
    }
  }
}

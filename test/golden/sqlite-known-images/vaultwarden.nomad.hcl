# A known SQLite image whose database path a setting moves (DATABASE_URL): the database moves
# to Litestream's local volume, /data (attachments, keys) stays on the CSI volume, and the
# first start copies the old database when no replica exists yet.
job "vaultwarden" {
  group "vaultwarden" {
    network {
      port "http" {
        to = 80
      }
    }

    service {
      port = "http"
    }

    volume "vw-data" {
      type            = "csi"
      source          = "vaultwarden-data"
      access_mode     = "single-node-writer"
      attachment_mode = "file-system"
    }

    task "vaultwarden" {
      driver = "docker"

      config {
        image = "vaultwarden/server:1.30.5"
        ports = ["http"]
      }

      volume_mount {
        volume      = "vw-data"
        destination = "/data"
      }
    }
  }
}

job "paperless" {
  group "paperless" {
    network {
      port "http" {
        to = 8000
      }
    }

    service {
      port = "http"
      tags = ["traefik.http.routers.paperless.rule=Host(`docs.example.com`)"]

      check {
        type     = "tcp"
        interval = "20s"
        timeout  = "2s"
      }
    }

    volume "data" {
      type   = "csi"
      source = "glusterfs_paperless_data"
    }

    volume "media" {
      type      = "csi"
      source    = "glusterfs_paperless_media"
      read_only = false
    }

    ephemeral_disk {
      size = 300
    }

    task "paperless" {
      driver = "docker"

      config {
        image   = "ghcr.io/paperless-ngx/paperless-ngx:2.13"
        ports   = ["http"]
        volumes = ["../alloc/tmp:/tmp/paperless"]
      }

      volume_mount {
        volume      = "data"
        destination = "/usr/src/paperless/data"
      }

      volume_mount {
        volume      = "media"
        destination = "/usr/src/paperless/media"
      }

      resources {
        cpu        = 400
        memory     = 768
        memory_max = 1536
      }
    }
  }
}

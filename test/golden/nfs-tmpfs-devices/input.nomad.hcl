# An NFS docker volume, tmpfs mounts with and without a size, and a host device.
job "media" {
  group "media" {
    network {
      port "http" {
        to = 8096
      }
    }

    service {
      port = "http"
    }

    task "media" {
      driver = "docker"

      config {
        image   = "example/media-server:2.1"
        ports   = ["http"]
        devices = [{ host_path = "/dev/dri" }]

        mount {
          type   = "volume"
          target = "/media"
          source = "media-nfs"

          volume_options {
            driver_config {
              name = "local"
              options {
                type   = "nfs"
                o      = "addr=10.0.0.5,nfsvers=4,rw"
                device = ":/export/media"
              }
            }
          }
        }

        mount {
          type   = "volume"
          target = "/archive"
          source = "archive-nfs"

          volume_options {
            driver_config {
              options {
                type   = "nfs"
                o      = "addr=nas.lan,ro"
                device = ":/export/archive"
              }
            }
          }
        }

        mount {
          type   = "tmpfs"
          target = "/transcode"

          tmpfs_options {
            size = 1073741824
          }
        }

        mount {
          type   = "tmpfs"
          target = "/run/cache"
        }
      }
    }
  }
}

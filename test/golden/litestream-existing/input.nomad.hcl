# A job that runs Litestream itself: its tasks, config (paths, replica, bucket) and image
# versions are kept as written, not replaced by generated ones.
job "overseerr" {
  group "overseerr" {
    network {
      port "http" {
        to = 5055
      }
    }

    service {
      port = "http"
      tags = ["traefik.http.routers.overseerr.rule=Host(`requests.example.com`)"]
    }

    task "restore" {
      driver = "docker"

      lifecycle {
        hook = "prestart"
      }

      config {
        image = "litestream/litestream:0.3.13"
        args  = ["restore", "-config", "/local/litestream.yml", "/alloc/db/db.sqlite3"]
      }

      template {
        data        = <<EOF
dbs:
  - path: /alloc/db/db.sqlite3
    replicas:
      - url: s3://overseerr-backups/db
        bucket: overseerr-backups
EOF
        destination = "local/litestream.yml"
      }
    }

    task "overseerr" {
      driver = "docker"

      config {
        image   = "sctx/overseerr:1.33.2"
        ports   = ["http"]
        volumes = ["../alloc/db:/app/config/db"]
      }

      env {
        DB_FILE = "/app/config/db/db.sqlite3"
      }
    }

    task "replicate" {
      driver = "docker"

      lifecycle {
        hook    = "prestart"
        sidecar = true
      }

      config {
        image = "litestream/litestream:0.5.2"
        args  = ["replicate", "-config", "/local/litestream.yml"]
      }

      template {
        data        = <<EOF
dbs:
  - path: /alloc/db/db.sqlite3
    replica:
      url: s3://overseerr-backups/db
EOF
        destination = "local/litestream.yml"
      }
    }
  }
}

# SQLite app that already replicates with Litestream (Pattern B).
job "vaultwarden" {
  datacenters = ["dc1"]
  type        = "service"

  group "vaultwarden" {
    network {
      port "http" {
        to = 80
      }
    }

    service {
      name = "vaultwarden"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.vaultwarden.rule=Host(`bw.brmartin.co.uk`)",
      ]

      check {
        type     = "http"
        path     = "/alive"
        interval = "30s"
        timeout  = "5s"
      }
    }

    task "litestream-restore" {
      driver = "docker"

      lifecycle {
        hook    = "prestart"
        sidecar = false
      }

      config {
        image = "litestream/litestream:0.3"
        args  = ["restore", "-if-replica-exists", "-config", "/local/litestream.yml", "/alloc/data/db.sqlite3"]
      }

      template {
        data        = <<EOF
dbs:
  - path: /alloc/data/db.sqlite3
    replicas:
      - type: s3
        bucket: vaultwarden-litestream
        endpoint: http://minio-minio.service.consul:9000
        force-path-style: true
EOF
        destination = "local/litestream.yml"
      }
    }

    task "vaultwarden" {
      driver = "docker"

      config {
        image   = "vaultwarden/server:1.32.5"
        ports   = ["http"]
        volumes = ["../alloc/data:/data"]
      }

      env {
        DATABASE_URL    = "/data/db.sqlite3"
        DOMAIN          = "https://bw.brmartin.co.uk"
        SIGNUPS_ALLOWED = "false"
      }

      template {
        data        = <<EOF
{{ with secret "secret/data/default/vaultwarden" }}
ADMIN_TOKEN={{ .Data.data.admin_token }}
SMTP_PASSWORD={{ .Data.data.smtp_password }}
{{ end }}
EOF
        destination = "secrets/app.env"
        env         = true
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }

    task "litestream" {
      driver = "docker"

      lifecycle {
        hook    = "prestart"
        sidecar = true
      }

      config {
        image = "litestream/litestream:0.3"
        args  = ["replicate", "-config", "/local/litestream.yml"]
      }

      resources {
        cpu    = 50
        memory = 64
      }
    }
  }
}

# A known SQLite image whose database URL points at Postgres: no SQLite, no Litestream; /data
# stays on its host volume.
job "bitwarden-pg" {
  group "vault" {
    network {
      port "http" {
        to = 80
      }
    }

    service {
      port = "http"
    }

    volume "data" {
      type   = "host"
      source = "bitwarden"
    }

    task "vault" {
      driver = "docker"

      config {
        image = "vaultwarden/server:1.30.5"
        ports = ["http"]
      }

      template {
        data        = <<EOF
DATABASE_URL=postgresql://vw:{{ with secret "kv/data/vw" }}{{ .Data.data.pw }}{{ end }}@db.service.consul:5432/vw
EOF
        destination = "secrets/db.env"
        env         = true
      }

      volume_mount {
        volume      = "data"
        destination = "/data"
      }
    }
  }
}

# Nightly backup of GlusterFS volumes (Pattern E).
job "restic-backup" {
  datacenters = ["dc1"]
  type        = "batch"

  periodic {
    crons            = ["0 3 * * *"]
    prohibit_overlap = true
    time_zone        = "Europe/London"
  }

  group "backup" {
    restart {
      attempts = 2
      mode     = "fail"
    }

    task "restic" {
      driver = "docker"

      config {
        image   = "restic/restic:0.17.3"
        command = "backup"
        args    = ["--host", "cluster", "/data"]
        volumes = ["/storage/v:/data:ro"]
      }

      template {
        data        = <<EOF
{{ with secret "secret/data/default/restic" }}
RESTIC_REPOSITORY={{ .Data.data.repository }}
RESTIC_PASSWORD={{ .Data.data.password }}
AWS_ACCESS_KEY_ID={{ .Data.data.access_key }}
AWS_SECRET_ACCESS_KEY={{ .Data.data.secret_key }}
{{ end }}
EOF
        destination = "secrets/restic.env"
        env         = true
      }

      resources {
        cpu    = 200
        memory = 256
      }
    }
  }
}

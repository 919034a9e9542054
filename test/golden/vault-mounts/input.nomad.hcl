# Secrets read from three Vault KV mounts: the default store's own (`secret`, KV v2), one the
# site config maps to another store (`certificates`), one it does not map (`homelab`, KV v1 and
# v2 paths), and a Nomad variable that must be copied into the store.
job "ledger" {
  group "ledger" {
    network {
      port "http" {
        to = 8080
      }
    }

    task "ledger" {
      driver = "docker"

      config {
        image = "example/ledger:1.4"
        ports = ["http"]
      }

      template {
        data        = <<EOF
{{ with secret "secret/data/ledger" }}
API_KEY={{ .Data.data.api_key }}
{{ end }}
{{ with secret "homelab/data/postgres" }}
DB_PASSWORD={{ .Data.data.password }}
{{ end }}
{{ with secret "homelab/smtp" }}
SMTP_PASSWORD={{ .Data.password }}
{{ end }}
{{ with nomadVar "nomad/jobs/ledger" }}
SIGNING_SECRET={{ .signing }}
{{ end }}
EOF
        destination = "secrets/ledger.env"
        env         = true
      }

      template {
        data        = <<EOF
{{ with secret "certificates/data/ledger.example.com" }}{{ .Data.data.cert }}{{ end }}
EOF
        destination = "secrets/tls.crt"
      }
    }
  }
}

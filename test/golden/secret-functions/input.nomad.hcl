job "billing" {
  group "api" {
    network {
      port "http" {
        to = 8000
      }
    }

    service {
      port = "http"
    }

    task "api" {
      driver = "docker"

      config {
        image = "example/billing:3.0"
        ports = ["http"]
      }

      template {
        data        = <<EOF
{{ with nomadVar "nomad/jobs/billing" }}
DB_PASSWORD={{ .db_password }}
{{ end }}
{{ with secret "kv/data/billing" }}
STRIPE_KEY={{ .Data.data.stripe_key | toJSON }}
SIGNING_KEY={{ .Data.data.signing_key | base64Decode }}
{{ end }}
LOG_LEVEL=info
DB_USER={{ with secret "database/creds/billing" }}{{ .Data.username }}{{ end }}
EOF
        destination = "secrets/app.env"
        env         = true
      }

      template {
        data        = <<EOF
[features]
{{ range nomadVarList "nomad/jobs/billing/flags" }}{{ .Path }}
{{ end }}
EOF
        destination = "local/flags.ini"
      }

      template {
        data        = <<EOF
{{ range secrets "kv/metadata/billing/" }}{{ . }}
{{ end }}
EOF
        destination = "local/keys.txt"
      }

      template {
        data        = <<EOF
# settings
webhook_url = "https://billing.example.com/hook"
{{ with secret "kv/data/billing" }}
webhook_secret = {{ .Data.data.webhook_secret | toJSON }}
ca_bundle = "{{ .Data.data.ca_bundle | base64Decode }}"
{{ end }}
EOF
        destination = "secrets/billing.toml"
      }
    }
  }
}

job "n8n" {
  group "n8n" {
    task "n8n" {
      driver = "docker"

      config {
        image = "n8nio/n8n:1.70.1"
      }

      template {
        data        = <<EOF
DB_POSTGRESDB_PASSWORD={{ with secret "secret/data/default/postgres" }}{{ .Data.data.n8n_password }}{{ end }}
N8N_ENCRYPTION_KEY={{ with secret "kv1/n8n" }}{{ .Data.encryption_key }}{{ end }}
WEBHOOK_TOKEN={{ (secret "secret/data/default/n8n").Data.data.webhook_token }}
EOF
        destination = "secrets/n8n.env"
        env         = true
      }
    }
  }
}

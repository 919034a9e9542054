job "ledger" {
  group "api" {
    network {
      port "http" {
        to = 8080
      }
    }

    service {
      name = "ledger"
      port = "http"
    }

    task "api" {
      driver = "docker"

      vault {
        policies = ["ledger"]
      }

      config {
        image = "example/ledger:2.4"
        ports = ["http"]
      }

      # KV v2: every key of the secret becomes an env var.
      template {
        data        = <<EOF
{{- with secret "secret/data/prod/ledger" }}
{{- range $k, $v := .Data.data }}
{{ $k }}={{ $v }}
{{- end }}
{{- end }}
LOG_LEVEL=info
EOF
        destination = "secrets/ledger.env"
        env         = true
      }

      # KV v1, read inline, lines with export and quotes.
      template {
        data        = <<EOF
{{ range $name, $value := (secret "kv/ledger-smtp").Data }}export {{ $name }}="{{ $value }}"
{{ end }}
EOF
        destination = "secrets/smtp.env"
        env         = true
      }

      # Not KEY=VALUE lines: cannot become env_from.
      template {
        data        = <<EOF
{{ with secret "secret/data/prod/ledger-flags" }}{{ range $k, $v := .Data.data }}FLAG_{{ $k }}={{ $v }}
{{ end }}{{ end }}
EOF
        destination = "secrets/flags.env"
        env         = true
      }

      # A file listing every key: rendered by an ExternalSecret of its own.
      template {
        data        = <<EOF
# ledger peers
{{ with secret "secret/data/prod/ledger-peers" -}}
{{ range $k, $v := .Data.data }}{{ $k }}: {{ $v | toJSON }}
{{ end }}{{ end -}}
EOF
        destination = "secrets/peers.yaml"
      }
    }
  }
}

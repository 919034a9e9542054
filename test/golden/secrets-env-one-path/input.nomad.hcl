job "grafana" {
  group "grafana" {
    network {
      port "http" {
        to = 3000
      }
    }

    service {
      port = "http"
      tags = ["traefik.http.routers.grafana.rule=Host(`grafana.example.com`)"]
    }

    task "grafana" {
      driver = "docker"

      vault {
        policies = ["grafana"]
      }

      config {
        image = "grafana/grafana:11.3.1"
        ports = ["http"]
      }

      template {
        data        = <<EOF
{{- with secret "secret/data/default/grafana" }}
GF_SECURITY_ADMIN_PASSWORD={{ .Data.data.admin_password }}
GF_DATABASE_PASSWORD="{{ .Data.data.db_password }}"
{{- end }}
GF_SERVER_ROOT_URL=https://grafana.example.com
EOF
        destination = "secrets/grafana.env"
        env         = true
      }
    }
  }
}

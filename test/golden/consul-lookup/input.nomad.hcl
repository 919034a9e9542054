job "haproxy" {
  group "lb" {
    network {
      port "http" {
        to = 8080
      }
    }

    service {
      port = "http"
    }

    task "haproxy" {
      driver = "docker"

      config {
        image = "haproxy:3.1"
        ports = ["http"]
        volumes = ["local/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg"]
      }

      template {
        data        = <<EOF
frontend http
  bind *:8080
  default_backend apps
backend apps
{{ range service "app" }}
  server {{ .Node }} {{ .Address }}:{{ .Port }}
{{ end }}
  # token {{ key "haproxy/stats-token" }}
backend legacy
{{- range service "legacy-api" }}
  server {{ .Node }} {{ .Address }}:{{ .Port }}
{{- else }}
  server none 127.0.0.1:65535
{{- end }}
EOF
        destination = "local/haproxy.cfg"
      }

      template {
        data        = <<EOF
upstream = "http://{{ range service "app" }}{{ .Address }}:{{ .Port }}{{ end }}/v1"
{{ range service "primary.app|passing" -}}
backup = "{{ .Address }}"
{{- end }}
EOF
        destination = "local/upstream.toml"
      }
    }
  }
}

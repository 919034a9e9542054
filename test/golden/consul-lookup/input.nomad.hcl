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
EOF
        destination = "local/haproxy.cfg"
      }
    }
  }
}

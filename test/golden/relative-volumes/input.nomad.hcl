job "grafana" {
  group "grafana" {
    network {
      port "http" {
        to = 3000
      }
    }

    service {
      port = "http"
    }

    task "grafana" {
      driver = "docker"

      config {
        image = "grafana/grafana:10.4.2"
        ports = ["http"]
        volumes = [
          "local/provisioning:/etc/grafana/provisioning",
          "secrets/tls:/etc/grafana/tls:ro",
          "../alloc/sock:/var/run/grafana",
          "custom/grafana.ini:/etc/grafana/grafana.ini",
          "scratch:/scratch",
        ]
      }

      template {
        data        = <<EOF
apiVersion: 1
datasources:
  - name: Prometheus
    type: prometheus
    url: http://prometheus:9090
EOF
        destination = "local/provisioning/datasources/prometheus.yml"
      }

      template {
        data        = <<EOF
[server]
http_port = 3000
protocol = socket
socket = /var/run/grafana/grafana.sock
EOF
        destination = "custom/grafana.ini"
      }
    }

    task "proxy" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image   = "nginx:1.27"
        volumes = ["${NOMAD_ALLOC_DIR}/sock:/run/upstream"]
      }
    }
  }
}

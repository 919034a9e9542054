job "prometheus" {
  group "prometheus" {
    network {
      port "http" {
        to = 9090
      }
    }

    service {
      port = "http"
    }

    task "prometheus" {
      driver = "docker"

      config {
        image = "prom/prometheus:v3.0.1"
        ports = ["http"]
        args  = ["--config.file=/local/prometheus.yml", "--web.listen-address=:{{ env \"NOMAD_PORT_http\" }}"]
      }

      template {
        data        = <<EOF
global:
  scrape_interval: 30s
scrape_configs:
  - job_name: self
    static_configs:
      - targets: ["localhost:{{ env "NOMAD_PORT_http" }}"]
  # literal dollar-brace: $${NOT_HCL} and percent-brace: %%{ nope }
EOF
        destination = "local/prometheus.yml"
        perms       = "0640"
        change_mode = "signal"
        change_signal = "SIGHUP"
      }

      template {
        data        = "LOG_FORMAT=json\nRETENTION=\"15d\"\n"
        destination = "local/app.env"
        env         = true
      }
    }
  }
}

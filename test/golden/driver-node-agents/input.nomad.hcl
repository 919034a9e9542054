# Node agents that raw_exec ran on every node and that read the node itself: node metrics from
# /proc and /sys, log shipping from /var/log. A node_exporter in a service job only gets a hint.
job "node-metrics" {
  datacenters = ["dc1"]
  type        = "system"

  group "exporter" {
    network {
      port "metrics" {
        static = 9100
      }
    }

    service {
      name = "node-exporter"
      port = "metrics"
    }

    task "node-exporter" {
      driver = "raw_exec"

      artifact {
        source = "https://github.com/prometheus/node_exporter/releases/download/v1.8.2/node_exporter-1.8.2.linux-amd64.tar.gz"
      }

      config {
        command = "local/node_exporter-1.8.2.linux-amd64/node_exporter"
        args    = ["--web.listen-address=:${NOMAD_PORT_metrics}", "--path.procfs", "/proc", "--collector.systemd"]
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}

job "log-shipper" {
  datacenters = ["dc1"]
  type        = "system"

  group "promtail" {
    network {
      port "http" {
        static = 9080
      }
    }

    task "promtail" {
      driver = "raw_exec"

      artifact {
        source = "https://github.com/grafana/loki/releases/download/v2.9.8/promtail-linux-amd64.zip"
      }

      config {
        command = "local/promtail-linux-amd64"
        args    = ["-config.file=local/promtail.yml"]
      }

      template {
        destination = "local/promtail.yml"
        data        = <<-EOT
          server:
            http_listen_port: 9080
          positions:
            filename: /tmp/positions.yaml
          clients:
            - url: http://loki.example.org:3100/loki/api/v1/push
          scrape_configs:
            - job_name: system
              static_configs:
                - targets: [localhost]
                  labels:
                    __path__: /var/log/*.log
        EOT
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
}

job "edge-metrics" {
  datacenters = ["dc1"]

  group "exporter" {
    network {
      port "metrics" {
        static = 9100
      }
    }

    task "node-exporter" {
      driver = "raw_exec"

      config {
        command = "/usr/local/bin/node_exporter"
      }
    }
  }
}

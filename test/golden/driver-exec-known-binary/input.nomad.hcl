# The Prometheus node exporter downloaded from its GitHub release and run by the exec driver.
job "node-exporter" {
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

      check {
        type     = "http"
        path     = "/metrics"
        interval = "30s"
        timeout  = "5s"
      }
    }

    task "node-exporter" {
      driver = "exec"

      artifact {
        source = "https://github.com/prometheus/node_exporter/releases/download/v1.2.3/node_exporter-1.2.3.linux-amd64.tar.gz"
        options {
          checksum = "sha256:08f8a2ae2bde0ec1bbcd5ab1ef3efa1a5d7ba58fa6e2e04d21c4ffb6bc83b1bd"
        }
      }

      config {
        command = "local/node_exporter-1.2.3.linux-amd64/node_exporter"
        args    = ["--web.listen-address=:${NOMAD_PORT_metrics}"]
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}

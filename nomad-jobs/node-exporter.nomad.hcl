# Host metrics on every node (system job → DaemonSet).
job "node-exporter" {
  datacenters = ["dc1"]
  type        = "system"

  group "node-exporter" {
    network {
      mode = "host"
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
      driver = "docker"

      config {
        image        = "prom/node-exporter:v1.8.2"
        network_mode = "host"
        args         = ["--path.rootfs=/host", "--web.listen-address=:${NOMAD_PORT_metrics}"]
        volumes      = ["/:/host:ro"]
      }

      resources {
        cpu    = 50
        memory = 32
      }
    }
  }
}

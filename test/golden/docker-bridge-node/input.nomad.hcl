# Tasks that reached the node they ran on through Docker's bridge gateway, and a logging driver
# that shipped logs off the node.
job "relay" {
  type = "system"

  group "metrics" {
    network {
      mode = "host"
      port "statsd" {
        static = 9125
      }
    }

    task "statsd" {
      driver = "docker"
      config {
        image        = "prom/statsd-exporter:v0.28.0"
        network_mode = "host"
        args         = ["--statsd.listen-udp=172.17.0.1:9125", "--web.listen-address=:9102"]
        logging {
          type = "fluentd"
          config {
            fluentd-address = "172.17.0.1:24224"
            tag             = "statsd"
          }
        }
      }
      env {
        CONSUL_HTTP_ADDR = "http://172.17.0.1:8500"
        NOMAD_ADDR       = "http://host.docker.internal:4646"
        NOT_THE_NODE     = "172.17.0.10"
      }
      template {
        destination = "local/relay.yml"
        data        = <<EOT
upstream: 172.17.0.1:9102
EOT
      }
    }

    task "quiet" {
      driver = "docker"
      config {
        image = "busybox:1.37"
        args  = ["sleep", "infinity"]
        logging {
          type = "json-file"
          config {
            max-size = "10m"
          }
        }
      }
    }
  }
}

job "promtail" {
  type = "system"

  constraint {
    attribute = "${attr.cpu.arch}"
    value     = "arm64"
  }

  group "promtail" {
    task "promtail" {
      driver = "docker"

      config {
        image      = "grafana/promtail:3.3.0"
        args       = ["-config.file=/local/promtail.yml"]
        privileged = true
        cap_add    = ["SYS_ADMIN"]
        volumes    = ["/var/log:/var/log:ro"]
      }

      template {
        data        = <<EOF
server:
  http_listen_port: 9080
clients:
  - url: http://loki.service.consul:3100/loki/api/v1/push
EOF
        destination = "local/promtail.yml"
      }
    }
  }
}

job "dashboards" {
  group "web" {
    ephemeral_disk {
      size = 2048
    }

    network {
      port "http" {
        to = 8080
      }
    }

    task "web" {
      driver = "docker"

      config {
        image = "example/dashboards:2.1"
        ports = ["http"]
      }

      env {
        APP_MODE = "production"
      }

      template {
        data        = <<EOF
{{/* Prometheus legend formats are Go templates too: escape them */}}
legend: "{{ "{{" }}instance{{ "}}" }}"
raw: {{`{{ job }}`}}
listen: 0.0.0.0:{{ env "NOMAD_PORT_http" }}
task: {{ env "NOMAD_TASK_NAME" }}
mode: {{ env "APP_MODE" }}
home: {{ env "HOME" }}
{{- /* trimmed */ -}}
EOF
        destination = "local/app.yml"
      }

      template {
        data            = <<EOF
{
  "legendFormat": "{{model}} @ {{backend}}",
  "port": [[ env "NOMAD_PORT_http" ]],
  "data": "[[ env "NOMAD_ALLOC_DIR" ]]/data"
}
EOF
        destination     = "local/dashboards/router.json"
        left_delimiter  = "[["
        right_delimiter = "]]"
      }
    }
  }
}

job "meter" {
  group "meter" {
    task "meter" {
      driver = "docker"

      vault {
        policies = ["meter"]
      }

      config {
        image = "example/meter:0.9"
      }

      # Consul service lookups in an env template, rendered with the Service of job tsdb.
      template {
        data        = <<EOF
TSDB_HOST={{ range service "tsdb" }}{{ .Address }}{{ end }}
TSDB_PORT={{ range service "tsdb" }}{{ .Port }}{{ end }}
CACHE_HOST={{ range service "cache" }}{{ .Address }}{{ end }}
{{- range service "tsdb" }}
TSDB_URL=http://{{ .Address }}:{{ .Port }}/api
{{- end }}
EOF
        destination = "local/meter.env"
        env         = true
      }

      # A Consul address inside a Vault file template (an ExternalSecret template).
      template {
        data        = <<EOF
[tsdb]
url = "http://tsdb.service.consul:8086"
token = "{{ with secret "secret/data/meter" }}{{ .Data.data.tsdb_token }}{{ end }}"
EOF
        destination = "secrets/meter.ini"
      }
    }
  }
}

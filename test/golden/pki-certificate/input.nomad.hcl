job "mqtt" {
  group "broker" {
    network {
      port "mqtts" {
        to = 8883
      }
    }

    service {
      port = "mqtts"
    }

    task "broker" {
      driver = "docker"

      config {
        image   = "eclipse-mosquitto:2.0"
        ports   = ["mqtts"]
        volumes = ["secrets/certs:/mosquitto/certs:ro"]
      }

      template {
        data        = <<EOF
{{ with secret "pki_int/issue/internal" "common_name=mqtt.example.internal" "alt_names=broker.example.internal" "ip_sans=10.0.0.5" "ttl=72h" }}
{{- .Data.certificate -}}
{{ end }}
EOF
        destination = "secrets/certs/server.crt"
      }

      template {
        data        = <<EOF
{{ with secret "pki_int/issue/internal" "common_name=mqtt.example.internal" "alt_names=broker.example.internal" "ip_sans=10.0.0.5" "ttl=72h" }}
{{- .Data.private_key -}}
{{ end }}
EOF
        destination = "secrets/certs/server.key"
        perms       = "0600"
      }

      template {
        data        = <<EOF
{{ with secret "pki_int/issue/internal" "common_name=mqtt.example.internal" "alt_names=broker.example.internal" "ip_sans=10.0.0.5" "ttl=72h" }}
{{- .Data.issuing_ca -}}
{{ end }}
EOF
        destination = "secrets/certs/ca.crt"
      }

      template {
        data        = <<EOF
{{ with pkiCert "pki_int/issue/internal" "common_name=bridge.example.internal" "ttl=30m" }}
{{ .Cert }}
{{ .Key }}
{{ end }}
EOF
        destination = "secrets/bridge.pem"
      }

      template {
        data        = <<EOF
{{ with secret "pki_int/issue/internal" "common_name=mqtt.example.internal" "alt_names=broker.example.internal" "ip_sans=10.0.0.5" "ttl=72h" }}
{{ .Data.certificate }}
{{ .Data.issuing_ca }}
{{ end }}
EOF
        destination = "secrets/certs/fullchain.pem"
      }

      template {
        data        = <<EOF
listener 8883
cafile /mosquitto/certs/ca.crt
{{ with secret "pki_int/issue/internal" "common_name=mqtt.example.internal" }}# serial {{ .Data.serial_number }}{{ end }}
EOF
        destination = "local/mosquitto.conf"
      }
    }
  }
}

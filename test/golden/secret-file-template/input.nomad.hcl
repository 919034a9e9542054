job "mosquitto" {
  group "mqtt" {
    network {
      port "mqtt" {
        to = 1883
      }
    }

    service {
      port = "mqtt"
    }

    task "mosquitto" {
      driver = "docker"

      config {
        image = "eclipse-mosquitto:2.0.20"
        ports = ["mqtt"]
      }

      template {
        data        = <<EOF
{{ with secret "secret/data/default/mosquitto" }}
homeassistant:{{ .Data.data.ha_password_hash }}
zigbee2mqtt:{{ .Data.data.z2m_password_hash }}
{{ end }}
EOF
        destination = "secrets/passwd"
        perms       = "600"
      }

      template {
        data        = <<EOF
{{ with secret "secret/data/default/mosquitto" }}
{{ range $k, $v := .Data.data }}{{ $k }}={{ $v }}
{{ end }}{{ end }}
EOF
        destination = "secrets/all.env"
      }
    }
  }
}

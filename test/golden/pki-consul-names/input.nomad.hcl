job "vaultproxy" {
  group "proxy" {
    network {
      port "https" {
        to = 8443
      }
    }

    service {
      name = "gateway"
      port = "https"
    }

    task "proxy" {
      driver = "docker"

      config {
        image = "example/tls-proxy:3.1"
        ports = ["https"]
      }

      # Issued for the names clients dialled through Consul DNS.
      template {
        data        = <<EOF
{{ with pkiCert "pki/issue/mesh" "common_name=gateway.service.consul" "alt_names=edge.gateway.service.consul,metrics.service.consul" "ttl=24h" }}
{{ .Cert }}
{{ .Key }}
{{ end }}
EOF
        destination = "secrets/gateway.pem"
      }
    }
  }
}

job "consul-tls" {
  group "server" {
    count = 3
    network {
      port "https" { to = 8501 }
    }
    service {
      name = "consul-tls"
      port = "https"
    }
    task "consul" {
      driver = "docker"
      config {
        image = "hashicorp/consul:1.18"
        ports = ["https"]
      }
      template {
        data        = <<EOF
{{ with secret "pki/issue/consul" "common_name=server.dc1.consul" (printf "alt_names=consul-%s.service.consul" (env "NOMAD_ALLOC_INDEX")) (printf "ip_sans=%s" (env "NOMAD_IP_https")) }}
{{ .Data.certificate }}
{{ end }}
EOF
        destination = "secrets/server.crt"
      }
      template {
        data        = <<EOF
{{ with secret "pki/issue/consul" "common_name=server.dc1.consul" (printf "alt_names=consul-%s.service.consul" (env "NOMAD_ALLOC_INDEX")) (printf "ip_sans=%s" (env "NOMAD_IP_https")) }}
{{ .Data.private_key }}
{{ end }}
EOF
        destination = "secrets/server.key"
      }
      template {
        data        = <<EOF
{{ with secret "pki/issue/web" "common_name=node-${NOMAD_ALLOC_INDEX}.example.org" "ip_sans=${attr.unique.network.ip-address}" }}
{{ .Data.certificate }}
{{ end }}
EOF
        destination = "secrets/node.crt"
      }
    }
  }
}

# Node and allocation addresses in file templates: a listen setting becomes 0.0.0.0; an address the
# app dials or advertises is a blocking step naming the template line (no env var to expand in a file).
job "metrics" {
  datacenters = ["dc1"]

  group "metrics" {
    network {
      port "http" { to = 9090 }
      port "dns" { to = 53 }
    }

    service {
      name = "metrics"
      port = "http"
    }

    task "metrics" {
      driver = "docker"

      config {
        image = "example/metrics:2.40"
        ports = ["http", "dns"]
        args  = ["--config.file=/local/metrics.yml"]
      }

      template {
        destination = "local/metrics.yml"
        data        = <<EOF
global:
  listen_address: '{{ env "NOMAD_ADDR_http" }}'
  bind: {{ env "NOMAD_IP_dns" }}
  gossip_listen: {{ sockaddr "GetPrivateIP" }}
  advertise: {{ sockaddr "GetPrivateIP" }}
scrape_configs:
  - job_name: services
    consul_sd_configs:
      - server: '{{ env "attr.unique.network.ip-address" }}:8500'
  - job_name: self
    static_configs:
      - targets: ['{{ env "NOMAD_ADDR_http" }}']
EOF
      }

      template {
        destination = "local/record.json"
        data        = <<EOF
{ "Name": "metrics.example.com", "Type": "A", "Value": "{{ env "NOMAD_IP_http" }}" }
EOF
      }

      resources {
        cpu    = 200
        memory = 256
      }
    }
  }
}

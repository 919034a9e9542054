job "storefront" {
  group "web" {
    network {
      port "http" {
        to = 3000
      }
    }

    service {
      name     = "storefront"
      provider = "nomad"
      port     = "http"
    }

    task "web" {
      driver = "docker"

      config {
        image = "example/storefront:1.8"
        ports = ["http"]
      }

      # Nomad service discovery around whole KEY=VALUE lines: one env var each.
      template {
        data        = <<EOF
{{ range nomadService "catalog-api" }}
CATALOG_URL="http://{{ .Address }}:{{ .Port }}/v1"
{{ end }}
CATALOG_HOST={{ range nomadService "catalog-api" }}{{ .Address }}{{ end }}
REVIEWS_URL={{ range nomadService "reviews" }}http://{{ .Address }}:{{ .Port }}{{ end }}
EOF
        destination = "local/web.env"
        env         = true
      }

      # A file listing the backends: one entry, the Service, once converted.
      template {
        data        = <<EOF
upstreams:
{{- range nomadService "catalog-api" }}
  - "{{ .Address }}:{{ .Port }}"
{{- end }}
EOF
        destination = "local/upstreams.yaml"
      }
    }
  }
}

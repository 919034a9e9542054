# Stateless metasearch behind Traefik (Pattern A).
variable "searxng_version" {
  type    = string
  default = "2024.11.17-10a56ee22"
}

locals {
  host = "search.brmartin.co.uk"
}

job "searxng" {
  datacenters = ["dc1"]
  type        = "service"

  group "searxng" {
    count = 1

    network {
      mode = "bridge"
      port "http" {
        to = 8080
      }
    }

    service {
      name = "searxng"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.searxng.rule=Host(`${local.host}`)",
        "traefik.http.routers.searxng.entrypoints=websecure",
      ]

      check {
        type     = "http"
        path     = "/healthz"
        interval = "10s"
        timeout  = "2s"
      }
    }

    task "searxng" {
      driver = "docker"

      config {
        image = "searxng/searxng:${var.searxng_version}"
        ports = ["http"]
      }

      env {
        SEARXNG_BASE_URL = "https://${local.host}/"
        SEARXNG_PORT     = "${NOMAD_PORT_http}"
        INSTANCE_NAME    = "search"
      }

      template {
        data        = <<EOF
use_default_settings: true
server:
  limiter: false
  image_proxy: true
ui:
  static_use_hash: true
EOF
        destination = "local/settings.yml"
      }

      resources {
        cpu    = 50
        memory = 64
      }
    }
  }
}

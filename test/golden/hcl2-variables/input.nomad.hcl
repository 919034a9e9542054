variable "image" {
  type    = string
  default = "ghcr.io/example/app"
}

variable "tag" {
  type = string
}

variable "replicas" {
  type    = number
  default = 2
}

variable "domain" {
  type    = string
  default = "Example.COM"
}

locals {
  host   = "app.${lower(var.domain)}"
  labels = join(",", ["a", "b"])
}

job "hcl2-app" {
  group "app" {
    count = var.replicas

    network {
      port "http" {
        to = 3000
      }
    }

    service {
      port = "http"
      tags = ["traefik.http.routers.app.rule=Host(`${local.host}`)"]
    }

    task "app" {
      driver = "docker"

      config {
        image = "${var.image}:${var.tag}"
        ports = ["http"]
      }

      env {
        LABELS   = local.labels
        HOST_URL = "https://${local.host}"
        NODE     = "${attr.unique.hostname}"
      }
    }
  }
}

variable "registry" {
  type        = string
  description = "Registry that holds the app image"
}
variable "api_key_header" {
  description = "Header name"
}
variable "db_password" {
  description = "No default: named like a credential, so the module input is sensitive"
}
variable "namespace" {
  description = "Clashes with the standard variable"
}
variables {
  domain_suffix = "example.org"
}
locals {
  host = "shop.${var.domain_suffix}"
}
job "shop" {
  datacenters = ["dc1"]
  meta {
    team = "blue"
    domain = "job.example.org"
  }
  group "web" {
    meta {
      domain = "group.example.org"
    }
    network {
      port "http" { to = 8080 }
    }
    service {
      name = "shop"
      port = "http"
      tags = ["traefik.enable=true", "traefik.http.routers.shop.rule=Host(`${NOMAD_META_domain}`)"]
    }
    task "app" {
      driver = "docker"
      meta {
        flavour = "task"
      }
      config {
        image = "${var.registry}/shop:1.4"
        ports = ["http"]
        args  = ["--header", upper(var.api_key_header), "--ns", var.namespace, "--team", "${NOMAD_META_team}"]
        volumes = ["local/data:/data/${NOMAD_JOB_NAME}/${NOMAD_META_flavour}"]
      }
      env {
        TEAM = "${NOMAD_META_TEAM}-${NOMAD_GROUP_NAME}"
        REGION = "${NOMAD_REGION}/${NOMAD_DC}"
        URL = "https://${local.host}/"
        DB_PASSWORD = var.db_password
      }
      template {
        destination = "local/app.conf"
        data = "registry=${var.registry}\nflavour=${NOMAD_META_flavour}\n"
      }
    }
  }
}

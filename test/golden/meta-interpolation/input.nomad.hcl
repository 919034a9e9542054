variable "arch" {
  default = "${attr.cpu.arch}"
}

job "portal" {
  datacenters = ["eu-west", "eu-east"]
  region      = "europe"

  meta {
    domain  = "portal.example.net"
    channel = "job"
    tier    = "gold"
  }

  group "site" {
    meta {
      channel = "group"
    }

    network {
      port "http" {
        to = 80
      }
    }

    service {
      name = "portal"
      port = "http"
      tags = ["traefik.enable=true", "traefik.http.routers.portal.rule=Host(`${NOMAD_META_domain}`)"]
    }

    task "nginx" {
      driver = "docker"

      meta {
        channel = "task"
        release = "1.25"
      }

      config {
        image   = "nginx:${NOMAD_META_release}-${var.arch}"
        ports   = ["http"]
        args    = ["--name", "${NOMAD_JOB_NAME}-${NOMAD_TASK_NAME}", "--log", "${LOG_DIR}/access.log", "--errors", "$${LOG_DIR}/error.log"]
        volumes = ["${NOMAD_ALLOC_DIR}/shared:/srv/${NOMAD_META_channel}", "/data/${NOMAD_GROUP_NAME}:/var/cache/nginx"]
      }

      env {
        LOG_DIR = "/var/log/${meta.tier}"
        CHANNEL = "${NOMAD_META_CHANNEL}"
        WHERE   = "${NOMAD_REGION}/${NOMAD_DC}/${NOMAD_NAMESPACE}"
      }
    }
  }
}

# Git forge with its repositories on GlusterFS (Pattern C).
job "gitea" {
  datacenters = ["dc1"]

  group "gitea" {
    network {
      port "http" {
        to = 3000
      }
      port "ssh" {
        to = 22
      }
    }

    service {
      name = "gitea"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.gitea.rule=Host(`git.brmartin.co.uk`)",
      ]

      check {
        type     = "http"
        path     = "/api/healthz"
        interval = "30s"
        timeout  = "5s"
      }
    }

    service {
      name = "gitea-ssh"
      port = "ssh"
    }

    volume "data" {
      type            = "csi"
      source          = "glusterfs_gitea_data"
      attachment_mode = "file-system"
      access_mode     = "single-node-writer"
    }

    task "gitea" {
      driver = "docker"

      config {
        image = "gitea/gitea:1.22.3"
        ports = ["http", "ssh"]
      }

      volume_mount {
        volume      = "data"
        destination = "/data"
      }

      env {
        USER_UID                 = "1000"
        USER_GID                 = "1000"
        GITEA__server__ROOT_URL  = "https://git.brmartin.co.uk"
        GITEA__server__SSH_PORT  = "${NOMAD_PORT_ssh}"
        GITEA__database__DB_TYPE = "postgres"
        GITEA__database__HOST    = "postgres.service.consul:5432"
      }

      kill_timeout = "30s"

      resources {
        cpu        = 500
        memory     = 1024
        memory_max = 2048
      }
    }
  }
}

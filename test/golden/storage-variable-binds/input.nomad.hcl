# Host bind mounts whose host side is a variable or a meta value stay host paths: a variable
# without a value becomes a module input, never an empty_dir.
variable "shared_dir" {
  type = string
}

variable "media_dir" {
  type    = string
  default = "/mnt/media"
}

job "jellyfin" {
  meta {
    config_root = "/srv/jellyfin"
  }

  group "jellyfin" {
    network {
      port "http" {
        to = 8096
      }
    }

    service {
      port = "http"
    }

    task "jellyfin" {
      driver = "docker"

      config {
        image = "jellyfin/jellyfin:10.8.13"
        ports = ["http"]
        volumes = [
          "${var.shared_dir}/cache:/cache",
          "${var.media_dir}:/media:ro",
          "${NOMAD_META_config_root}/config:/config",
        ]
      }

      resources {
        cpu    = 500
        memory = 1024
      }
    }
  }
}

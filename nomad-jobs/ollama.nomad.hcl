# GPU inference pinned to the GPU node (Pattern D).
job "ollama" {
  datacenters = ["dc1"]

  constraint {
    attribute = "${node.unique.name}"
    value     = "Hestia"
  }

  group "ollama" {
    network {
      port "api" {
        to = 11434
      }
    }

    service {
      name = "ollama"
      port = "api"

      check {
        type     = "http"
        path     = "/api/version"
        interval = "30s"
        timeout  = "5s"
      }
    }

    volume "models" {
      type   = "host"
      source = "ollama-models"
    }

    task "ollama" {
      driver = "docker"

      config {
        image   = "ollama/ollama:0.4.2"
        ports   = ["api"]
        runtime = "nvidia"
      }

      volume_mount {
        volume      = "models"
        destination = "/root/.ollama"
      }

      env {
        OLLAMA_KEEP_ALIVE = "24h"
      }

      resources {
        cpu    = 2000
        memory = 8192

        device "nvidia/gpu" {
          count = 1
        }
      }
    }
  }
}

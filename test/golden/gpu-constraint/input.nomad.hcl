job "whisper" {
  group "whisper" {
    constraint {
      attribute = "${node.unique.name}"
      operator  = "="
      value     = "GPU-Box-1"
    }

    network {
      port "http" {
        to = 9000
      }
    }

    service {
      port = "http"
    }

    task "whisper" {
      driver = "docker"

      config {
        image = "onerahmet/openai-whisper-asr-webservice:v1.6.0-gpu"
        ports = ["http"]
      }

      resources {
        cpu    = 1000
        memory = 4096

        device "nvidia/gpu" {
          count = 2
        }
      }
    }
  }
}

job "renovate" {
  type = "batch"

  periodic {
    cron             = "0 */4 * * *"
    prohibit_overlap = true
  }

  group "renovate" {
    task "renovate" {
      driver = "docker"

      config {
        image = "renovate/renovate:39"
      }

      env {
        RENOVATE_PLATFORM = "gitea"
        LOG_LEVEL         = "info"
      }

      resources {
        cpu    = 500
        memory = 1024
      }
    }
  }
}

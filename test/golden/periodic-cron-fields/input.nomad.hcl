# Nomad's cron parser (hashicorp/cronexpr): six fields end with a year, seven start with seconds.
job "housekeeping" {
  type = "batch"

  periodic {
    crons = [
      "*/15 * * * * *",
      "30 0 3 * * * *",
      "0 0 L * *",
    ]
    prohibit_overlap = true
  }

  group "sweep" {
    task "sweep" {
      driver = "docker"

      config {
        image = "example/sweeper:1.4"
        args  = ["--older-than", "7d"]
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
}

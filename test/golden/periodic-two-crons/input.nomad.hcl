job "report-mailer" {
  type = "batch"

  periodic {
    crons     = ["0 8 * * 1-5", "0 12 * * 6"]
    time_zone = "America/New_York"
    enabled   = false
  }

  group "mail" {
    task "send" {
      driver = "docker"

      config {
        image   = "example/mailer:3.2"
        command = "send-report"
      }
    }
  }
}

job "cleanup" {
  type = "sysbatch"
  periodic {
    cron = "0 3 * * *"
  }
  group "g" {
    task "t" {
      driver = "docker"
      config {
        image = "alpine:3"
      }
    }
  }
}

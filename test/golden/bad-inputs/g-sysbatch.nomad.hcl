job "cleanup" {
  type = "sysbatch"
  group "g" {
    task "t" {
      driver = "docker"
      config {
        image = "alpine:3"
      }
    }
  }
}

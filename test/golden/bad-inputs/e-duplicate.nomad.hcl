job "legacy" {
  group "g" {
    task "t" {
      driver = "docker"
      config {
        image = "alpine:3"
      }
    }
  }
}

job "broken" {
  group "g" {
    task "t" {
      driver = "docker"
      config {
        image =
      }
    }
  }
}

job "noimage" {
  group "g" {
    count = "three"
    task "t" {
      driver = "docker"
      config {
        args = ["x"]
      }
    }
  }
}

job "../../etc/Evil Name" {
  group "g" {
    task "t" {
      driver = "docker"
      config {
        image = "alpine:3"
      }
      resources {
        cpu = 100
        memory = 128
        frobnicate = true
      }
    }
  }
}

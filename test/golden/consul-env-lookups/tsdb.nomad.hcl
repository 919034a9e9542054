job "tsdb" {
  group "tsdb" {
    network {
      port "api" {
        static = 8086
      }
    }

    service {
      name = "tsdb"
      port = "api"
    }

    task "tsdb" {
      driver = "docker"

      config {
        image = "example/tsdb:2.7"
        ports = ["api"]
      }
    }
  }
}

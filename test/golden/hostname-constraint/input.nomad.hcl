job "printer" {
  constraint {
    attribute = "$${attr.unique.hostname}"
    value     = "Print-Server"
  }

  group "spooler" {
    task "spooler" {
      driver = "docker"

      config {
        image = "example/spooler:3.0"
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
}

# A standby web service kept at count = 0 until an operator scales it up.
job "standby" {
  group "web" {
    count = 0

    network {
      port "http" {
        to = 8080
      }
    }

    task "web" {
      driver = "docker"

      config {
        image = "example/web:3.1"
        ports = ["http"]
      }
    }
  }
}

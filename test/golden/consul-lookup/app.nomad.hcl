job "app" {
  group "app" {
    network {
      port "http" {
        to = 8080
      }
    }

    service {
      name = "app"
      port = "http"
    }

    task "app" {
      driver = "docker"

      config {
        image = "example/app:1.2"
        ports = ["http"]
      }
    }
  }
}

job "uptime" {
  group "uptime" {
    network {
      port "http" {
        to = 3001
      }
    }

    service {
      port = "http"
    }

    task "uptime" {
      driver = "docker"

      config {
        image = "example/status-page:1.0"
        ports = ["http"]
      }

      env {
        DATABASE_URL = "sqlite:///var/lib/status/status.db"
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
}

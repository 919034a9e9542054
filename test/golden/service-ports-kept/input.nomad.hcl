# Each Service keeps the port clients dialled on Nomad; only the routed web port listens on 80.
job "stack" {
  group "db" {
    network {
      port "pg" {
        static = 5432
      }
    }

    service {
      name = "stack-db"
      port = "pg"
    }

    task "postgres" {
      driver = "docker"

      config {
        image = "postgres:16.6"
        ports = ["pg"]
      }
    }
  }

  group "cache" {
    network {
      port "redis" {
        to = 6379
      }
    }

    service {
      name = "stack-cache"
      port = "redis"
    }

    task "redis" {
      driver = "docker"

      config {
        image = "redis:7.4"
        ports = ["redis"]
      }
    }
  }

  group "broker" {
    network {
      port "mqtt" {
        static = 1883
      }
      port "ws" {
        to = 9001
      }
    }

    service {
      name = "stack-mqtt"
      port = "mqtt"
    }

    service {
      name = "stack-mqtt-ws"
      port = "ws"
    }

    task "mosquitto" {
      driver = "docker"

      config {
        image = "eclipse-mosquitto:2.0"
        ports = ["mqtt", "ws"]
      }
    }
  }

  group "web" {
    network {
      port "http" {
        to = 3000
      }
      port "metrics" {
        to = 9100
      }
    }

    service {
      name = "stack-web"
      port = "http"
      tags = [
        "traefik.enable=true",
        "traefik.http.routers.web.rule=Host(`stack.example.org`)",
      ]
    }

    service {
      name = "stack-web-metrics"
      port = "metrics"
    }

    task "web" {
      driver = "docker"

      config {
        image = "example/stack-web:1.4"
        ports = ["http", "metrics"]
      }
    }
  }
}

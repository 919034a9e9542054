# A service whose poststart task seeds the database once the server is up.
job "tsdb" {
  group "db" {
    network {
      port "http" {
        to = 8086
      }
    }

    task "influxdb" {
      driver = "docker"

      config {
        image = "influxdb:1.8"
        ports = ["http"]
      }
    }

    task "seed" {
      driver = "docker"

      lifecycle {
        hook = "poststart"
      }

      config {
        image   = "influxdb:1.8"
        command = "influx"
        args    = ["-host", "127.0.0.1", "-execute", "CREATE DATABASE metrics"]
      }
    }
  }
}

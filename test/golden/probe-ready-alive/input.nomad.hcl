job "orders" {
  group "orders" {
    network {
      port "http" {
        to = 8080
      }
    }

    service {
      name = "orders"
      port = "http"

      # Restarts the task: the liveness probe.
      check {
        name     = "orders-alive"
        type     = "http"
        path     = "/health/live"
        interval = "10s"
        timeout  = "2s"

        check_restart {
          limit = 3
          grace = "20s"
        }
      }

      # Only takes the instance out of the service: the readiness probe.
      check {
        name                     = "orders-ready"
        type                     = "http"
        path                     = "/health/ready"
        interval                 = "5s"
        timeout                  = "1s"
        failures_before_critical = 2
      }
    }

    task "orders" {
      driver = "docker"

      config {
        image = "example/orders:5.0.1"
        ports = ["http"]
      }
    }

    # A slow starter whose restart check has a long grace: a startup probe holds liveness back.
    task "indexer" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image = "example/indexer:0.4.0"
      }

      service {
        name = "orders-indexer"

        check {
          type     = "script"
          command  = "/bin/indexer"
          args     = ["health"]
          interval = "30s"
          timeout  = "5s"

          check_restart {
            limit = 2
            grace = "5m"
          }
        }
      }
    }
  }
}

job "quotes" {
  group "api" {
    network {
      port "grpc" {
        to = 9090
      }
    }

    service {
      name = "quotes-grpc"
      port = "grpc"

      check {
        type                     = "grpc"
        grpc_service             = "quotes.v1.Quotes"
        interval                 = "10s"
        timeout                  = "2s"
        success_before_passing   = 2
        failures_before_critical = 4
      }
    }

    task "server" {
      driver = "docker"

      config {
        image = "example/quotes-server:1.8.0"
        ports = ["grpc"]
      }

      resources {
        cpu    = 250
        memory = 256
      }
    }
  }

  group "admin" {
    network {
      port "admin" {
        to = 9443
      }
    }

    service {
      name = "quotes-admin"
      port = "admin"

      check {
        type         = "grpc"
        grpc_use_tls = true
        interval     = "30s"
        timeout      = "5s"
      }
    }

    task "admin" {
      driver = "docker"

      config {
        image = "example/quotes-admin:1.8.0"
        ports = ["admin"]
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}

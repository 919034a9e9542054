# Two exec tasks of one host-network group: the API listens on loopback for the node's
# proxy, the worker dials it on 127.0.0.1 and registers with the node's Consul agent.
job "ledger" {
  datacenters = ["dc1"]

  group "ledger" {
    network {
      port "api" {
        static = 9000
      }
      port "metrics" {
        static = 9100
      }
    }

    service {
      name = "ledger"
      port = "api"
    }

    task "api" {
      driver = "exec"

      config {
        command = "/opt/ledger/bin/ledger-api"
        args    = ["--address", "localhost:9000"]
      }

      resources {
        cpu    = 200
        memory = 128
      }
    }

    task "worker" {
      driver = "exec"

      config {
        command = "/opt/ledger/bin/ledger-worker"
        args    = ["--listen=127.0.0.1:9100", "--api", "http://127.0.0.1:9000"]
      }

      env {
        CONSUL_HTTP_ADDR = "127.0.0.1:8500"
      }

      resources {
        cpu    = 200
        memory = 128
      }
    }
  }
}

job "ledger" {
  group "db" {
    network {
      port "pg" {
        to = 5432
      }
    }

    service {
      name = "ledger-db"
      port = "pg"

      check {
        name     = "pg ready"
        type     = "script"
        task     = "postgres"
        command  = "/usr/bin/pg_isready"
        args     = ["-h", "127.0.0.1", "-p", "${NOMAD_PORT_pg}"]
        interval = "20s"
        timeout  = "5s"
      }
    }

    # A script check runs in the task it names, here the sidecar.
    service {
      name = "ledger-exporter"

      check {
        type     = "script"
        task     = "exporter"
        command  = "/bin/sh"
        args     = ["-c", "test -f ${NOMAD_TASK_DIR}/ready"]
        interval = "30s"
        timeout  = "3s"
      }
    }

    task "postgres" {
      driver = "docker"

      config {
        image = "postgres:16.4"
        ports = ["pg"]
      }

      resources {
        cpu    = 500
        memory = 1024
      }
    }

    task "exporter" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image = "example/pg-exporter:0.15.0"
      }

      resources {
        cpu    = 50
        memory = 64
      }
    }
  }
}

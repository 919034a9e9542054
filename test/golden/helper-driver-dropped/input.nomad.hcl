# The main task is a container; only its helpers run on the node. Nomad would start the app
# after the prestart script; the module runs the app and reports the dropped helpers.
job "ledger" {
  group "ledger" {
    network {
      port "http" {
        to = 8080
      }
    }

    service {
      name = "ledger"
      port = "http"
    }

    task "register-dns" {
      driver = "raw_exec"

      lifecycle {
        hook = "prestart"
      }

      config {
        command = "/usr/local/bin/register-dns"
        args    = ["ledger"]
      }
    }

    task "ledger" {
      driver = "docker"

      config {
        image = "ghcr.io/example/ledger:2.3.1"
        ports = ["http"]
      }

      resources {
        cpu    = 200
        memory = 256
      }
    }

    task "announce" {
      driver = "exec"

      lifecycle {
        hook = "poststop"
      }

      config {
        command = "/bin/sh"
        args    = ["-c", "logger ledger stopped"]
      }
    }
  }
}

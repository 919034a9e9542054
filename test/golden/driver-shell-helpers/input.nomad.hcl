# Prestart helpers on exec/raw_exec that prepare the app's directories before a docker task:
# those that only touch the task directories and the group's volumes run in a shell image;
# one that runs a program of the node, and one that writes where no volume goes, are dropped.
job "ledger" {
  datacenters = ["dc1"]

  group "ledger" {
    network {
      port "http" {
        to = 8080
      }
    }

    volume "archive" {
      type   = "host"
      source = "ledger-archive"
    }

    service {
      name = "ledger"
      port = "http"
    }

    task "data-dir" {
      driver = "raw_exec"

      lifecycle {
        hook = "prestart"
      }

      config {
        command = "/bin/sh"
        args    = ["-c", "mkdir -p /srv/ledger/data/wal && chown -R 1000:1000 /srv/ledger/data"]
      }
    }

    task "prune-archive" {
      driver = "exec"

      lifecycle {
        hook = "prestart"
      }

      config {
        command = "/usr/bin/rm"
        args    = ["-rf", "/archive/partial.tmp"]
      }

      volume_mount {
        volume      = "archive"
        destination = "/archive"
      }
    }

    task "mark-ready" {
      driver = "raw_exec"

      lifecycle {
        hook = "prestart"
      }

      config {
        command = "/bin/bash"
        args    = ["local/ready.sh"]
      }

      template {
        destination = "local/ready.sh"
        data        = <<-EOT
          set -e
          mkdir -p "${NOMAD_ALLOC_DIR}/data"
          echo "$(date) prestart" >> "${NOMAD_ALLOC_DIR}/data/ready"
        EOT
      }
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

    task "cache-dir" {
      driver = "raw_exec"

      lifecycle {
        hook = "prestart"
      }

      config {
        command = "/bin/sh"
        args    = ["-c", "mkdir -p /var/cache/ledger"]
      }
    }

    task "ledger" {
      driver = "docker"

      config {
        image   = "ghcr.io/example/ledger:2.3.1"
        ports   = ["http"]
        volumes = ["/srv/ledger/data:/var/lib/ledger"]
      }

      resources {
        cpu    = 200
        memory = 256
      }
    }
  }
}

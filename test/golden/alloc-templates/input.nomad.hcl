# Templates rendered into the shared alloc dir by a prestart task: every task sees them, also
# where a docker mount maps an alloc subdirectory to a path of its own.
job "dbinit" {
  datacenters = ["dc1"]

  group "db" {
    task "setup" {
      driver = "docker"

      lifecycle {
        hook = "prestart"
      }

      config {
        image   = "busybox:1.36"
        command = "sh"
        args    = ["-c", "mkdir -p /alloc/initdb"]
      }

      template {
        data        = <<EOF
CREATE TABLE notes (id int);
EOF
        destination = "../alloc/initdb/schema.sql"
      }

      template {
        data        = <<EOF
#!/bin/sh
echo ready
EOF
        destination = "${NOMAD_ALLOC_DIR}/ready.sh"
        perms       = "0755"
      }
    }

    task "postgres" {
      driver = "docker"

      config {
        image = "postgres:16"

        mount {
          type   = "bind"
          source = "../alloc/initdb"
          target = "/docker-entrypoint-initdb.d"
        }
      }
    }
  }
}

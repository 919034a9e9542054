job "db-dump" {
  type = "batch"

  group "dump" {
    restart {
      attempts = 5
    }

    task "dump" {
      driver = "docker"

      config {
        image   = "postgres:16"
        command = "/bin/sh"
        args    = ["-c", "pg_dumpall > /backup/all.sql"]
        volumes = ["/srv/backups:/backup", "local/pgpass:/root/.pgpass"]
        mount {
          type     = "bind"
          source   = "/etc/ssl/certs"
          target   = "/etc/ssl/certs"
          readonly = true
        }
        mount {
          type   = "volume"
          source = "pgcache"
          target = "/cache"
        }
      }

      env {
        PGHOST = "postgres.service.consul"
      }
    }
  }
}

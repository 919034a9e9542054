# A job that mounts a volume the plugin serves: still converted, its volume mapped.
job "postgres" {
  group "db" {
    network {
      port "db" {
        static = 5432
      }
    }

    volume "pgdata" {
      type            = "csi"
      source          = "pgdata"
      attachment_mode = "file-system"
      access_mode     = "single-node-writer"
    }

    task "postgres" {
      driver = "docker"

      config {
        image = "postgres:16"
        ports = ["db"]
      }

      volume_mount {
        volume      = "pgdata"
        destination = "/var/lib/postgresql/data"
      }

      resources {
        cpu    = 500
        memory = 512
      }
    }
  }
}

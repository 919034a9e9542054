job "postgres" {
  group "db" {
    network {
      port "pg" {
        static = 5432
      }
    }

    service {
      name = "postgres"
      port = "pg"
    }

    volume "data" {
      type   = "csi"
      source = "glusterfs_postgres_data"
    }

    task "postgres" {
      driver = "docker"

      config {
        image = "postgres:16.6"
        ports = ["pg"]
      }

      volume_mount {
        volume      = "data"
        destination = "/var/lib/postgresql/data"
      }

      resources {
        cpu    = 500
        memory = 1024
      }
    }
  }
}

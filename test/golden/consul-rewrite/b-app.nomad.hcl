job "wiki" {
  group "wiki" {
    network {
      port "http" {
        to = 3000
      }
    }

    service {
      port = "http"
    }

    task "wiki" {
      driver = "docker"

      config {
        image = "ghcr.io/requarks/wiki:2.5"
        ports = ["http"]
        args  = ["--db", "postgres://wiki@postgres.service.consul:5432/wiki"]
      }

      env {
        DB_HOST  = "postgres.service.consul"
        DB_PORT  = "5432"
        SEARCH   = "elastic.service.consul:9200"
        BAD_PORT = "postgres.service.dc1.consul:6543"
      }
    }
  }
}

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
        PRIMARY  = "primary.postgres.service.consul:5432"
        WEB_URL  = "http://web.service.consul:3000/api"
        WEB_HOST = "web.virtual.consul"
        CACHE    = "cache.service.consul"
        VAULT    = "https://active.vault.service.consul:8200"
      }

      template {
        data        = <<EOF
upstream web {
  server web.service.consul:3000;
}
cache_url = "redis://cache.service.consul:6379/0"
search = "http://elastic.service.consul:9200"
EOF
        destination = "local/app.conf"
      }
    }
  }
}

job "redis" {
  group "cache" {
    network {
      port "db" {
        to = 6379
      }
    }

    service {
      port = "db"

      check {
        type     = "tcp"
        interval = "10s"
        timeout  = "2s"
      }
    }

    task "redis" {
      driver = "docker"

      config {
        image = "redis:7.4"
        ports = ["db"]
        args  = ["redis-server", "/local/redis.conf"]
      }

      template {
        data        = <<EOF
{{ with nomadVar "nomad/jobs/redis" }}
requirepass {{ .password }}
{{ end }}
maxmemory 256mb
EOF
        destination = "local/redis.conf"
      }

      template {
        data        = <<EOF
REDIS_ADMIN={{ with nomadVar "nomad/jobs/redis" }}{{ .admin }}{{ end }}
EOF
        destination = "secrets/admin.env"
        env         = true
      }
    }
  }
}

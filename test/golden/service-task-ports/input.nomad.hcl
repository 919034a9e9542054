# Group services that name their task (`task = "cache"`): the port is declared on that task's
# container, not on the first one; its check probes that container.
job "kv-app" {
  group "app" {
    network {
      mode = "bridge"

      port "http" {
        to = 8080
      }
      port "redis" {
        to = 6379
      }
    }

    service {
      name = "kv-app"
      port = "http"
      task = "web"

      check {
        type     = "http"
        path     = "/healthz"
        interval = "10s"
        timeout  = "2s"
      }
    }

    service {
      name = "kv-cache"
      port = "redis"
      task = "cache"

      check {
        type     = "tcp"
        interval = "10s"
        timeout  = "2s"
      }
    }

    task "web" {
      driver = "docker"

      config {
        image = "ghcr.io/example/kv-web:1.4"
      }
    }

    task "cache" {
      driver = "docker"

      config {
        image = "redis:7"
      }
    }
  }
}

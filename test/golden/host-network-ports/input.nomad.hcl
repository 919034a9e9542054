job "resolver" {
  type = "system"

  group "resolver" {
    network {
      mode = "host"

      port "dns" {
        static = 53
      }
      port "dns-tcp" {
        static = 53
      }
      port "http" {
        static = 8080
      }
      port "status" {
        static = 8080
      }
    }

    service {
      name = "resolver"
      port = "http"
    }

    task "resolver" {
      driver = "docker"

      config {
        image        = "example/resolver:2.0"
        network_mode = "host"
        ports        = ["dns", "dns-tcp", "http"]
      }
    }

    task "status" {
      driver = "docker"

      config {
        image        = "example/status-page:1.0"
        network_mode = "host"
        ports        = ["status"]
      }
    }
  }

  group "cache" {
    network {
      port "redis" {
        static = 6379
      }
      port "replica" {
        static = 6379
        to     = 6380
      }
    }

    task "cache" {
      driver = "docker"

      config {
        image = "example/cache:7"
        ports = ["redis", "replica"]
      }
    }
  }
}

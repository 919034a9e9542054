job "shop" {
  # The job's update block is every group's default; a group's own fields win.
  update {
    max_parallel      = 2
    canary            = 1
    auto_promote      = true
    min_healthy_time  = "30s"
    healthy_deadline  = "5m"
    progress_deadline = "15m"
    auto_revert       = true
  }

  group "api" {
    count = 4

    update {
      max_parallel = 1
    }

    network {
      port "http" {
        to = 8080
      }
    }

    service {
      name = "shop-api"
      port = "http"

      check {
        type     = "http"
        path     = "/healthz"
        interval = "10s"
        timeout  = "2s"
      }
    }

    task "api" {
      driver = "docker"

      config {
        image = "example/shop-api:3.1.0"
        ports = ["http"]
      }
    }
  }

  # A static port pins each pod to its node's port: no canary beside it, one pod down at a time.
  group "edge" {
    count = 2

    update {
      canary       = 1
      auto_promote = false
    }

    network {
      port "https" {
        static = 8443
      }
    }

    task "proxy" {
      driver = "docker"

      config {
        image = "example/edge-proxy:1.9.2"
        ports = ["https"]
      }
    }
  }
}

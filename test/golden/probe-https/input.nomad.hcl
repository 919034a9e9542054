job "admin-panel" {
  group "admin" {
    network {
      port "https" {
        to = 8443
      }

      port "metrics" {
        to = 9100
      }
    }

    service {
      name = "admin-panel"
      port = "https"

      check {
        type            = "http"
        protocol        = "https"
        path            = "/healthz"
        method          = "GET"
        tls_skip_verify = true
        tls_server_name = "admin.internal.example"
        interval        = "15s"
        timeout         = "3s"

        header {
          Host            = ["admin.internal.example"]
          X-Health-Check  = ["nomad", "probe"]
        }

        check_restart {
          limit           = 3
          grace           = "90s"
          ignore_warnings = false
        }
      }
    }

    # A second checked service: one container has one pair of probes, so it is reported.
    service {
      name = "admin-panel-metrics"
      port = "metrics"

      check {
        type     = "tcp"
        interval = "30s"
        timeout  = "2s"
      }
    }

    task "panel" {
      driver = "docker"

      config {
        image = "example/admin-panel:2.4.1"
        ports = ["https", "metrics"]
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
}

# Tasks of one group that disagree on the host network: the main task decides; a prestart
# task's host mode does not.
job "monitor" {
  type = "system"

  group "agents" {
    network {
      port "metrics" {
        static = 9100
      }
      port "web" {
        to = 8080
      }
    }

    task "collector" {
      driver = "docker"

      config {
        image = "example/collector:1"
        ports = ["web"]
      }
    }

    task "node-metrics" {
      driver = "docker"

      lifecycle {
        hook    = "prestart"
        sidecar = true
      }

      config {
        image        = "example/node-metrics:1"
        network_mode = "host"
        ports        = ["metrics"]
      }
    }
  }

  group "web" {
    network {
      port "http" {
        to = 9090
      }
    }

    service {
      name = "monitor-web"
      port = "http"
    }

    task "register" {
      driver = "docker"

      lifecycle {
        hook = "prestart"
      }

      config {
        image        = "example/kv-writer:1"
        network_mode = "host"
        args         = ["put", "monitor/ready", "true"]
      }
    }

    task "web" {
      driver = "docker"

      config {
        image = "example/monitor-web:2"
        ports = ["http"]
      }
    }
  }

  group "node" {
    network {
      port "probe" {
        static = 9115
      }
    }

    task "probe" {
      driver = "docker"

      config {
        image        = "example/probe:1"
        network_mode = "host"
        ports        = ["probe"]
      }

      env {
        API = "http://monitor-web.service.consul:9090"
      }
    }

    task "shipper" {
      driver = "docker"

      config {
        image = "example/shipper:1"
      }
    }
  }
}

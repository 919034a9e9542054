# Values of another type than Nomad's field, converted as Nomad's HCL2 decoder does.
job "converter" {
  datacenters = ["dc1"]

  constraint {
    attribute = "${meta.fast_disk}"
    value     = true
  }

  group "worker" {
    count = "2"

    network {
      port "http" {
        to = "8000"
      }
    }

    service {
      name = "converter"
      port = "http"
    }

    task "convert" {
      driver = "docker"

      config {
        image = "example/converter:5.0"
        args  = ["--workers", 4, "--verbose", true]
        ports = ["http"]
      }

      env {
        WORKERS = 4
        DEBUG   = false
      }

      template {
        data        = "threads = 4\n"
        destination = "local/converter.conf"
        perms       = 644
      }

      resources {
        cpu    = "300"
        memory = "512"
      }
    }
  }
}

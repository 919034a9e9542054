# A DNS server drains for 20 s after it leaves the service catalog (its own delay wins over the
# group's 5 s); its exporter sidecar waits 3 s of its own.
job "dns" {
  group "dns" {
    shutdown_delay = "5s"

    network {
      port "dns" {
        to = 53
      }
    }

    task "resolver" {
      driver = "docker"

      kill_timeout   = "10s"
      shutdown_delay = "20s"

      config {
        image = "alpine:3.20"
        args  = ["sh", "-c", "exec unbound -d"]
        ports = ["dns"]
      }

      service {
        name = "dns"
        port = "dns"
      }
    }

    task "exporter" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      shutdown_delay = "3s"

      config {
        image = "example/unbound-exporter:0.4"
      }
    }
  }
}

# Ports served on UDP: by label (udp only, twin to a TCP label on the same number), by service
# name, by well-known number; Nomad's docker driver published every mapped port on TCP and UDP.
job "netsvc" {
  group "resolver" {
    network {
      port "dns" {
        static = 53
        to     = 53
      }
      port "dns-udp" {
        static = 53
        to     = 53
      }
      port "web" {
        to = 80
      }
    }

    service {
      name = "resolver"
      port = "web"
    }

    task "resolver" {
      driver = "docker"

      config {
        image = "example/resolver:2"
        ports = ["dns", "dns-udp", "web"]
      }
    }
  }

  group "controller" {
    network {
      port "stun" {
        static = 3478
      }
      port "ui" {
        to = 8443
      }
      port "beacon" {
        to = 7777
      }
    }

    service {
      name = "controller"
      port = "ui"
    }

    service {
      name = "controller-beacon-udp"
      port = "beacon"
    }

    task "controller" {
      driver = "docker"

      config {
        image = "example/controller:8"
        ports = ["stun", "ui", "beacon"]
      }
    }
  }
}

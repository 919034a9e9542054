# A job that only runs a terminating gateway: nothing of it runs as a container.
job "egress" {
  datacenters = ["dc1"]

  group "egress" {
    network {
      mode = "bridge"
    }

    service {
      name = "egress-gateway"

      connect {
        gateway {
          terminating {
            service {
              name = "billing-api"
            }
          }
        }
      }
    }
  }
}

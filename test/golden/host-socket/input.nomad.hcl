# A CI agent that starts build containers through the node's Docker daemon, and a log shipper
# that reads a host socket: both mounts are kept, each with a warning naming the socket.
job "ci-agent" {
  group "agent" {
    task "agent" {
      driver = "docker"

      config {
        image   = "woodpeckerci/woodpecker-agent:v2.7.0"
        volumes = ["/var/run/docker.sock:/var/run/docker.sock"]
      }

      resources {
        cpu    = 200
        memory = 256
      }
    }

    task "shipper" {
      driver = "docker"

      config {
        image = "grafana/promtail:3.0.0"

        mount {
          type   = "bind"
          source = "/run/systemd/journal/socket.sock"
          target = "/run/systemd/journal/socket.sock"
        }
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
}

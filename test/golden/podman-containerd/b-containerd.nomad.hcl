# The containerd task driver runs OCI images like docker does.
job "relay" {
  datacenters = ["dc1"]
  type        = "system"

  group "relay" {
    network {
      port "smtp" {
        static = 2525
      }
    }

    task "relay" {
      driver = "containerd-driver"

      config {
        image        = "docker.io/example/relay:1.0.2"
        command      = "/usr/bin/relay"
        args         = ["--port", "2525"]
        host_network = true
        cwd          = "/var/lib/relay"

        mounts = [
          {
            type    = "bind"
            source  = "/etc/relay"
            target  = "/etc/relay"
            options = ["rbind", "ro"]
          },
        ]
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}

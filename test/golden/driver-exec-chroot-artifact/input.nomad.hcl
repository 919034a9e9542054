# An exec task whose artifact puts its binary in /usr/local/bin of its chroot, run by name
# from the PATH; the release is built for 32-bit ARM boards.
job "echo" {
  datacenters = ["lab"]

  group "echo" {
    network {
      port "tcp" {
        static = 7007
      }
    }

    service {
      name = "echo"
      port = "tcp"
    }

    task "server" {
      driver = "exec"

      config {
        command = "echo_server"
        args    = ["-port", "7007"]
      }

      artifact {
        source      = "https://downloads.example.org/echo/v1.4.0/echo_server_armv7l"
        destination = "/usr/local/bin/echo_server"
        mode        = "file"
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}

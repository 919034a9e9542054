# An in-house Go service shipped as a tarball: Nomad's exec driver downloads, verifies and
# unpacks it into local/, then runs the binary from there with a config file the job renders.
job "inventory" {
  datacenters = ["dc1"]

  group "api" {
    network {
      port "http" {
        to = 9000
      }
    }

    service {
      name = "inventory"
      port = "http"

      check {
        type     = "http"
        path     = "/healthz"
        interval = "15s"
        timeout  = "3s"
      }
    }

    task "api" {
      driver = "exec"

      artifact {
        source      = "https://releases.example.com/inventory/inventory-2.1.0-linux-amd64.tar.gz"
        destination = "local/inventory"
        options {
          checksum = "md5:fec29af8625842b154d30be8b8db3050"
        }
        headers {
          Authorization = "Bearer 0f9c2a77d1e84b5c9a3e6b1d2c4f8e90"
          X-Release-Channel = "stable"
        }
      }

      artifact {
        source      = "https://releases.example.com/inventory/schema.sql"
        destination = "local/schema.sql"
        mode        = "file"
      }

      config {
        command = "local/inventory/inventory"
        args    = ["serve", "-config", "local/inventory.hcl", "-listen", ":${NOMAD_PORT_http}"]
      }

      template {
        destination = "local/inventory.hcl"
        data        = <<-EOT
          schema = "/local/schema.sql"
        EOT
      }

      resources {
        cpu    = 200
        memory = 128
      }
    }
  }
}

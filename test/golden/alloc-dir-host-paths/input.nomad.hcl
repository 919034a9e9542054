# Host paths into Nomad's own data directory: the allocation's shared alloc/ dir is the pod's
# alloc volume; a task directory or another allocation's files are not on a Kubernetes node.
job "shipper" {
  group "app" {
    task "app" {
      driver = "docker"

      config {
        image = "example/app:1.0"

        mount {
          type   = "bind"
          source = "/opt/nomad/alloc/${NOMAD_ALLOC_ID}/alloc/data"
          target = "/var/lib/app"
        }
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }

    task "log-shipper" {
      driver = "docker"

      lifecycle {
        hook    = "poststart"
        sidecar = true
      }

      config {
        image   = "example/log-shipper:2.9"
        volumes = ["/opt/nomad/alloc/${NOMAD_ALLOC_ID}/app/local:/app-local:ro"]

        mount {
          type     = "bind"
          source   = "/opt/nomad/alloc/${NOMAD_ALLOC_ID}/alloc/logs"
          target   = "/logs"
          readonly = true
        }
      }

      resources {
        cpu    = 50
        memory = 64
      }
    }
  }
}
